// Public surface of diagnostics: the Diagnostic type, the code catalogue, formatters.
export type { Diagnostic, LocalDiagnostic, Result, Severity, CodeDefinition, HttpErrorDefinition } from './types.ts';
export { codes, httpErrors, codeDefinition } from './codes/index.ts';
