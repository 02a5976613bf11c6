// One JSON document: every diagnostic with its full position, and a summary.
import { counts } from './types.ts';
import type { FormatOptions, Report } from './types.ts';
import { displayPath } from './pretty.ts';

export function formatJson(report: Report, options: FormatOptions = {}): string {
  const diagnostics = report.diagnostics.map((d) => ({
    file: displayPath(d.file, options.cwd),
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
    severity: d.severity,
    code: d.code,
    message: d.message,
    hint: d.hint ?? null,
    pointer: d.pointer ?? null,
  }));
  const { errors, warnings } = counts(report.diagnostics);
  return `${JSON.stringify({ diagnostics, summary: { errors, warnings, files: report.files, durationMs: Math.round(report.durationMs) } }, null, 2)}\n`;
}
