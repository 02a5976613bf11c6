// The cache salt: a hash of the compiler's own sources and built-in data, so that a cache written by
// another version of the checks is never reused.
import { readFile, readdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { packageRoot } from '../pack/index.ts';
import { join } from 'node:path';

const root = packageRoot;
const DIRS = [
  'src/pack',
  'src/schema',
  'src/compile',
  'src/criteria',
  'src/template',
  'src/python',
  'src/enforce',
  'src/diagnostics',
  'grammar',
  'rules',
];

let salt: Promise<string> | undefined;

export function compilerSalt(): Promise<string> {
  salt ??= (async () => {
    const hash = createHash('sha1');
    for (const dir of DIRS) {
      let names: string[];
      try {
        names = (await readdir(join(root, dir), { recursive: true })).sort();
      } catch {
        continue;
      }
      for (const name of names) {
        if (!/\.(ts|json|yaml)$/.test(name)) continue;
        hash.update(`${dir}/${name}\0`);
        hash.update(await readFile(join(root, dir, name)));
      }
    }
    return hash.digest('hex');
  })();
  return salt;
}
