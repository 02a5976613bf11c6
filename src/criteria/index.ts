// Public surface of the criteria stage: key paths, operators, Python regexes, the IR compiler,
// the reference interpreter and the generated, indexed matcher.
export { parseKeyPath, resolveKeyPath, stripKeySuffix } from './key-path.ts';
export type { KeyPath, KeyPathNode } from './key-path.ts';
export { lookupOperator, operatorNames, suggestOperator, operators } from './operators/index.ts';
export type { OperatorDefinition } from './operators/index.ts';
export { compilePythonRegex } from './regex.ts';
export type { PyRegex, PyRegexFlags } from './regex.ts';
export { fnmatch } from './fnmatch.ts';
export { compileRuleCriteria } from './compile.ts';
export type { CompiledCriteria, CriterionIR, PatternIR } from './ir.ts';
export { interpretRule } from './interpret.ts';
export type { RuleEvaluation, InterpretOptions } from './interpret.ts';
export type { CriterionExplanation } from './evaluate.ts';
export { buildMatcher } from './matcher.ts';
export type { BuildMatcherOptions, CompiledMatcher } from './matcher.ts';
export { emitMatchers } from './emit.ts';
