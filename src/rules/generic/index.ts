// Generic detectors (Bearer, X-API-Key, secret-named keys, URL credentials, connection strings, PEM, JWT)
// and MCP structure rules (server maps, server.json, smithery.yaml, secret-named keys in configs).
import type { Rule, StructuredRule } from '../../engine/types.js';
import { assignmentRules } from './assignments.js';
import { connectionString } from './connection-strings.js';
import { cliSecretFlag } from './flags.js';
import { headerRules } from './headers.js';
import { jwt } from './jwt.js';
import { mcpStructuredRules } from './mcp.js';
import { pemRules } from './pem.js';
import { shellRules } from './shell.js';
import { urlRules } from './urls.js';
import { xmlRules } from './xml.js';

export const rules: Rule[] = [...pemRules, jwt, ...headerRules, ...urlRules, connectionString, ...assignmentRules, ...xmlRules, cliSecretFlag, ...shellRules];
export const structuredRules: StructuredRule[] = mcpStructuredRules;
