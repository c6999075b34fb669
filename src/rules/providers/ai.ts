// Provider rules: ai (filled in by its owner; see src/rules/index.ts for the groups).
import type { Rule } from '../../engine/types.js';

export const rules: Rule[] = [];
