// The human format: `path:line:col  error  message  [CODE]`, the source line, a caret, the hint.
import { relative } from 'node:path';
import type { Diagnostic } from '../types.ts';
import { counts } from './types.ts';
import type { FormatOptions, Report } from './types.ts';

const paint =
  (on: boolean, code: string) =>
  (s: string): string =>
    on ? `\u001b[${code}m${s}\u001b[0m` : s;

export function displayPath(file: string, cwd: string | undefined): string {
  if (!cwd) return file;
  const r = relative(cwd, file);
  return r.startsWith('..') || r === '' ? file : r;
}

function excerpt(
  d: Diagnostic,
  text: string | undefined,
  dim: (s: string) => string,
  red: (s: string) => string,
): string[] {
  if (text === undefined) return [];
  const lines = text.split('\n');
  const line = lines[d.line - 1];
  if (line === undefined) return [];
  const gutter = `${d.line} | `;
  const width = d.endLine === d.line ? Math.max(1, d.endColumn - d.column) : Math.max(1, line.length - d.column + 1);
  const lead = line.slice(0, d.column - 1).replace(/[^\t]/g, ' ');
  return [`${dim(gutter)}${line.replace(/\r$/, '')}`, `${' '.repeat(gutter.length)}${lead}${red('^'.repeat(width))}`];
}

/** Formats a report for people. */
export function formatPretty(report: Report, options: FormatOptions = {}): string {
  const color = options.color === true;
  const red = paint(color, '31');
  const yellow = paint(color, '33');
  const dim = paint(color, '2');
  const bold = paint(color, '1');
  const out: string[] = [];
  for (const d of report.diagnostics) {
    const sev = d.severity === 'error' ? red('error') : yellow('warning');
    out.push(
      `${bold(`${displayPath(d.file, options.cwd)}:${d.line}:${d.column}`)}  ${sev}  ${d.message}  ${dim(`[${d.code}]`)}`,
    );
    out.push(...excerpt(d, options.source?.(d.file), dim, d.severity === 'error' ? red : yellow).map((l) => `  ${l}`));
    if (d.hint) out.push(`  ${dim('hint:')} ${d.hint}`);
  }
  const { errors, warnings } = counts(report.diagnostics);
  const summary = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in ${report.files} file${report.files === 1 ? '' : 's'} (${Math.round(report.durationMs)} ms)`;
  if (out.length) out.push('');
  out.push(errors ? red(summary) : warnings ? yellow(summary) : summary);
  return `${out.join('\n')}\n`;
}
