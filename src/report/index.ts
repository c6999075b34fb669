// Picks a report format; each format is a pure function of the same input.
import { jsonReport } from './json.js';
import { sarifReport } from './sarif.js';
import { textReport } from './text.js';
import type { ReportInput } from './types.js';

export const FORMATS = ['text', 'json', 'sarif'] as const;
export type ReportFormat = (typeof FORMATS)[number];

export function renderReport(format: ReportFormat, input: ReportInput): string {
  switch (format) {
    case 'json':
      return jsonReport(input);
    case 'sarif':
      return sarifReport(input);
    default:
      return textReport(input);
  }
}

export type { ReportInput, RuleMeta } from './types.js';
