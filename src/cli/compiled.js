// Whether the compiled JavaScript of dist/ (`npm run build`, run by npm as `prepare` on `npm ci`, `npm install`
// and `npm pack`) can stand in for the TypeScript sources: its build finished and is at least as new as every .ts
// file of src/ and grammar/. Plain JavaScript, so bin.js can ask before any loader is registered.
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** dist/'s entry point of the CLI. */
export const compiledMain = join(root, 'dist/src/cli/main.js');

// Written by `npm run build` after tsc has written every file (and removed before it starts): a build that failed or
// is still running is never taken for a fresh one.
const stamp = join(root, 'dist/BUILT');

/** The newest modification time of the .ts files under `dir` (0 when it is missing). */
function newest(dir) {
  let max = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) max = Math.max(max, newest(path));
    else if (e.name.endsWith('.ts')) max = Math.max(max, statSync(path).mtimeMs);
  }
  return max;
}

/** True when dist/ is built and no source is newer than it (an edit is never hidden behind a stale build). */
export function compiledIsFresh() {
  let builtAt;
  try {
    statSync(compiledMain);
    builtAt = statSync(stamp).mtimeMs;
  } catch {
    return false;
  }
  return newest(join(root, 'src')) <= builtAt && newest(join(root, 'grammar')) <= builtAt;
}
