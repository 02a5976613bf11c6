// What every formatter receives: the diagnostics plus the run's figures for the summary.
import type { Diagnostic } from '../types.ts';

export interface Report {
  diagnostics: readonly Diagnostic[];
  files: number;
  durationMs: number;
}

export interface FormatOptions {
  /** ANSI colours (the CLI turns them on only for a TTY). */
  color?: boolean;
  /** Source text of a file, for the excerpt under each diagnostic. */
  source?: (file: string) => string | undefined;
  /** Paths are printed relative to this directory. */
  cwd?: string;
}

export function counts(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings };
}
