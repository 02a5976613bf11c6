// The one quoting code builder (ajv's lib/compile/codegen style) through which criteria and templates generate
// JavaScript: every interpolated value is quoted unless it is already Code, names come from a Scope.
export { Code, Name, Scope, quote, _, join, comment } from './builder.ts';
