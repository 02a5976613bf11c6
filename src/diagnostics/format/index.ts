// The three output formats of diagnostics.
import { formatPretty } from './pretty.ts';
import { formatJson } from './json.ts';
import { formatGithub } from './github.ts';
import type { FormatOptions, Report } from './types.ts';

export type OutputFormat = 'pretty' | 'json' | 'github';
export const outputFormats: readonly OutputFormat[] = ['pretty', 'json', 'github'];

export function formatReport(format: OutputFormat, report: Report, options: FormatOptions = {}): string {
  if (format === 'json') return formatJson(report, options);
  if (format === 'github') return formatGithub(report, options);
  return formatPretty(report, options);
}

export { formatPretty, formatJson, formatGithub };
export { escapeData, escapeProperty } from './github.ts';
export { counts } from './types.ts';
export type { FormatOptions, Report };
