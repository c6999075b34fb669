// keyward as a library (package "main"): the pure detection engine and the built-in rules. The commands
// (scan, audit, protect, gateway, study) are reached through the CLI, not from here.
export * from './engine/index.js';
export { builtinRuleSet, builtinRules, providerRules, genericRules, structuredRules } from './rules/index.js';
