// Public surface of the detection engine (a library with no I/O).
export * from './types.js';
export { scanText, type ScanTextResult } from './scan-text.js';
export { compileRuleSet, compileRule, candidateRules, prefilter, type RuleSet, type CompiledRule } from './ruleset.js';
export { redact, fingerprint } from './redact.js';
export { shannonEntropy } from './entropy.js';
export { isPlaceholder } from './placeholder.js';
export { isReference, containsReference } from './reference.js';
export { detectFormat, parseStructured, registerParser, formatKeyPath } from './structured.js';
export { checkRuleExamples, type ExampleFailure } from './check-examples.js';
