// The one shape every problem takes, from YAML parsing to HTTP errors' compile-time causes.

export type Severity = 'error' | 'warning';

/** A problem located in a file: 1-based line and column, end exclusive. */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  hint?: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** JSON pointer of the offending value inside the document, when there is one. */
  pointer?: string;
}

/**
 * A problem found by a pure stage that sees only a string (a template, a key path, a regex):
 * offsets are 0-based UTF-16 indexes into that string; the pack compiler maps them to the file.
 */
export interface LocalDiagnostic {
  code: string;
  message: string;
  hint?: string;
  /** Start offset in the source string (default 0). */
  start?: number;
  /** End offset, exclusive (default: end of the source). */
  end?: number;
  severity?: Severity;
}

/** What every compile-time function returns: errors are values, throwing is for bugs. */
export interface Result<T, D = Diagnostic> {
  value: T | undefined;
  diagnostics: D[];
}

/** One entry of the catalogue: a stable code with what it means and why. */
export interface CodeDefinition {
  severity: Severity;
  /** One line, used as the heading in docs/errors.md. */
  title: string;
  /** What triggers it, and how StackStorm behaves in the same situation. */
  description: string;
  /** Only reported with --strict-st2 (things StackStorm rejects although we accept them). */
  strictSt2?: boolean;
}

/** An HTTP error answered by the runtime: status and StackStorm's faultstring template. */
export interface HttpErrorDefinition {
  status: number;
  /** Message template; `{name}` placeholders are filled from the error's parameters. */
  message: string;
  description: string;
}
