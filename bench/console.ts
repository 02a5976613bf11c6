// What the web console (issue 19) costs a browser: the bytes of its page, script and style as served (gzip -9,
// the server's own compression), against the budget of 50 KB; and how long the one bundling takes that
// the first request to /console/ pays (esbuild, in memory; every later request is served from memory).
import { buildConsole } from '../src/console/index.ts';

const BUDGET = 50 * 1024;

export async function run(): Promise<string> {
  const started = performance.now();
  const bundle = await buildConsole();
  const buildMs = performance.now() - started;
  const rows = [['page', bundle.html] as const, ...[...bundle.assets].map(([name, a]) => [name, a] as const)];
  const lines = ['| file | bytes | gzip bytes |', '|---|---|---|'];
  for (const [name, asset] of rows) lines.push(`| ${name} | ${asset.body.length} | ${asset.gzip.length} |`);
  lines.push(
    `| total | ${rows.reduce((n, [, a]) => n + a.body.length, 0)} | ${bundle.gzipBytes} |`,
    '',
    `gzip total ${(bundle.gzipBytes / 1024).toFixed(1)} KB of the 50 KB budget (${((bundle.gzipBytes / BUDGET) * 100).toFixed(0)}%); ` +
      `bundled in ${buildMs.toFixed(0)} ms (the first request to /console/ waits for it once)`,
  );
  return lines.join('\n');
}
