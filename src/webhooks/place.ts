// Turns a code + JSON pointer into a Diagnostic placed in the options file (or at its top when no map is known).
import { codeDefinition, type Diagnostic } from '../diagnostics/index.ts';
import type { SourceMap } from '../model/index.ts';

/** RFC 6901 escaping of one pointer segment. */
export function pointerSegment(key: string | number): string {
  return String(key).replaceAll('~', '~0').replaceAll('/', '~1');
}

export interface Where {
  readonly file: string;
  readonly source?: SourceMap;
}

/** A diagnostic at the value (or, with `onKey`, the key) a pointer names; severity from the catalogue. */
export function diagnosticAt(
  where: Where,
  code: string,
  pointer: string,
  message: string,
  options: { hint?: string; onKey?: boolean } = {},
): Diagnostic {
  const span =
    (options.onKey ? where.source?.keySpan(pointer) : undefined) ??
    where.source?.span(pointer) ??
    where.source?.span('');
  const diagnostic: Diagnostic = {
    code,
    severity: codeDefinition(code).severity,
    message,
    file: span?.file ?? where.file,
    line: span?.line ?? 1,
    column: span?.column ?? 1,
    endLine: span?.endLine ?? 1,
    endColumn: span?.endColumn ?? 1,
    pointer,
  };
  if (options.hint !== undefined) diagnostic.hint = options.hint;
  return diagnostic;
}
