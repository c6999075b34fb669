// Generic detectors (PEM, JWT, Authorization headers, X-API-Key, URL credentials, connection strings,
// secret-named keys, XML, CLI flags, .netrc/curl) and MCP structure rules (server maps, server.json,
// smithery.yaml, secret-named keys in configs). Order only matters for docs; the engine de-duplicates.
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
