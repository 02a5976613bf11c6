// Public surface of the template stage: a Jinja2-compatible compiler with StackStorm's settings
// (SandboxedEnvironment, StrictUndefined, trim_blocks, lstrip_blocks, one trailing newline removed).
// Known differences from Jinja2 (each rare in packs; see test/template/differential.test.ts):
// - numbers: a JSON `1.0` arrives as the int 1; ints beyond 2**53 lose precision;
// - dict keys are strings and keep JavaScript's order (integer-like keys first);
// - filters that return generators in Jinja (map, select, unique, reverse, batch...) return lists, so
//   printing one shows the list instead of `<generator object ...>`; `dict.keys()` prints as a list;
// - bound methods print without their address; `map(attribute=...)` of a missing attribute raises;
// - `decrypt_kv` returns its input (our datastore holds secrets in the clear);
// - Jinja features beyond the StackStorm subset (macros, blocks, includes) are not offered.
export { compileTemplate } from './compile.ts';
export type { Template, CompileTemplateOptions } from './compile.ts';
export { renderCriteriaPattern, compileCriteriaPattern, rewriteForComplex } from './pattern.ts';
export { parseTemplate } from './parse.ts';
export { interpret } from './interpret.ts';
export { generateSource } from './generate.ts';
export { filterNames } from './filters/index.ts';
export { testNames } from './tests.ts';
export { methodNames } from './methods.ts';
export { DatastoreScope } from './datastore.ts';
export { NONE_MAGIC_VALUE } from './magic.ts';
export { Undefined } from './undefined.ts';
export { lineColumn } from './position.ts';
export type { Expr, Stmt } from './ast.ts';
export { unquoteString } from './literals.ts';
