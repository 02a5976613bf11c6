// Runs every benchmark in bench/ (or those named on the command line) and prints their reports.
// Each benchmark measures its baseline in the same run, so the printed ratios compare like with like.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

if (files.length === 0) {
  console.error(`bench: no benchmark matches ${only.join(', ')}`);
  process.exit(2);
}

for (const file of files) {
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { run?: () => Promise<string> };
  if (typeof mod.run !== 'function') {
    console.error(`bench: ${file} exports no run()`);
    process.exitCode = 1;
    continue;
  }
  console.log(`\n## ${file.replace(/\.ts$/, '')}\n`);
  console.log(await mod.run());
}
