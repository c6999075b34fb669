// Generic detectors (Bearer, X-API-Key, secret-named keys, URL credentials, connection strings, PEM, JWT)
// and MCP structure rules (server.json, smithery.yaml).
import type { Rule, StructuredRule } from '../../engine/types.js';

export const rules: Rule[] = [];
export const structuredRules: StructuredRule[] = [];
