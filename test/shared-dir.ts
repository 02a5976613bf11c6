// Where `../shared` is (StackStorm's behaviour spec, its case tables and the real packs of issue 14): beside the
// repository, as in CI, or beside the main checkout when this one is a `git worktree` elsewhere.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../', import.meta.url));

function commonCheckout(): string | undefined {
  try {
    const common = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], {
      cwd: repo,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return common === '' ? undefined : dirname(common);
  } catch {
    return undefined;
  }
}

/** The shared folder, or undefined when neither place has it. */
export function sharedDir(): string | undefined {
  const beside = resolve(repo, '..', 'shared');
  if (existsSync(beside)) return beside;
  const main = commonCheckout();
  const there = main ? resolve(main, '..', 'shared') : undefined;
  return there && existsSync(there) ? there : undefined;
}

/** A path under the shared folder; throws naming both places looked at when it is missing. */
export function sharedPath(...parts: string[]): string {
  const dir = sharedDir();
  if (!dir) throw new Error(`../shared not found beside ${repo} nor beside the main git checkout`);
  return join(dir, ...parts);
}
