// One reload as text: a summary line, then every diagnostic in the compiler's file:line:col form.
import type { ReloadOutcome } from './reloader.ts';

export function formatOutcome(outcome: ReloadOutcome): string {
  if (outcome.result === 'failed')
    return `rules: reload failed (still serving generation ${outcome.generation}): ${outcome.error?.message ?? 'unknown error'}\n`;
  const stale = [...outcome.files]
    .filter(([, f]) => f.state !== 'ok')
    .map(
      ([file, f]) =>
        `  ${file}: ${f.state === 'stale' ? 'broken, last good version serving' : 'broken, not serving'}\n`,
    );
  const lines = outcome.diagnostics.map(
    (d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}\n`,
  );
  return `rules: generation ${outcome.generation} loaded in ${outcome.durationMs.toFixed(1)} ms (${outcome.result})\n${lines.join('')}${stale.join('')}`;
}
