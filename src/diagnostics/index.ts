// Public surface of diagnostics: the Diagnostic type, the code catalogue, formatters.
export type { Diagnostic, LocalDiagnostic, Result, Severity, CodeDefinition, HttpErrorDefinition } from './types.ts';
export { codes, httpErrors, codeDefinition } from './codes/index.ts';
export { formatReport, formatPretty, formatJson, formatGithub, outputFormats, counts } from './format/index.ts';
export type { OutputFormat, FormatOptions, Report } from './format/index.ts';
export { httpFault, type HttpFault } from './http-fault.ts';
export type { HttpErrorCode } from './codes/http.ts';
export { suggest, editDistance } from './suggest.ts';
export { cliMarkdown, errorsMarkdown } from './docs.ts';
export { displayPath } from './format/pretty.ts';
