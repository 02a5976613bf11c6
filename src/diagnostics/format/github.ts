// GitHub Actions workflow commands: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE::message`.
import { counts } from './types.ts';
import type { FormatOptions, Report } from './types.ts';
import { displayPath } from './pretty.ts';

/** Escaping of the message part (GitHub's toolkit escapeData). */
export function escapeData(s: string): string {
  return s.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** Escaping of property values (GitHub's toolkit escapeProperty). */
export function escapeProperty(s: string): string {
  return escapeData(s).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

export function formatGithub(report: Report, options: FormatOptions = {}): string {
  const lines = report.diagnostics.map((d) => {
    const props = [
      `file=${escapeProperty(displayPath(d.file, options.cwd))}`,
      `line=${d.line}`,
      `col=${d.column}`,
      `endLine=${d.endLine}`,
      `endColumn=${d.endColumn}`,
      `title=${escapeProperty(d.code)}`,
    ].join(',');
    const message = d.hint ? `${d.message}\n${d.hint}` : d.message;
    return `::${d.severity === 'error' ? 'error' : 'warning'} ${props}::${escapeData(message)}`;
  });
  const { errors, warnings } = counts(report.diagnostics);
  lines.push(
    `${errors} error(s), ${warnings} warning(s) in ${report.files} file(s) (${Math.round(report.durationMs)} ms)`,
  );
  return `${lines.join('\n')}\n`;
}
