import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bin = new URL('../../src/cli/bin.js', import.meta.url).pathname;

test('an unknown command is a usage error with exit code 2', () => {
  const r = spawnSync(process.execPath, [bin, 'no-such-command'], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /error:/);
});

test('--help exits 0 and names the program', () => {
  const r = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
  assert.equal(r.status, 0);
  assert.match(r.stdout, /Usage: rules/);
});

// Issue 18 point 4: a command loads its modules when it runs, so help (which CI and editors call often) loads
// none of the heavy ones. A module hook records every module the process loads, whether it runs the compiled
// tree (dist/, when built and fresh) or the sources through tsx.
const heavy = /\/node_modules\/(better-sqlite3|pg|fastify|chevrotain)\//;

function loadedModules(args: string[]): { status: number | null; stdout: string; modules: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'rules-lazy-'));
  try {
    const out = join(dir, 'loaded.txt');
    const hooks = join(dir, 'hooks.mjs');
    writeFileSync(
      hooks,
      `import { appendFileSync } from 'node:fs';\n` +
        `export async function load(url, context, next) {\n` +
        `  appendFileSync(${JSON.stringify(out)}, url + '\\n');\n  return next(url, context);\n}\n`,
    );
    const register = join(dir, 'register.mjs');
    writeFileSync(
      register,
      `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
    );
    const r = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, bin, ...args], {
      encoding: 'utf8',
      cwd: fileURLToPath(new URL('../../', import.meta.url)),
    });
    const modules = existsSync(out) ? readFileSync(out, 'utf8').trim().split('\n') : [];
    return { status: r.status, stdout: r.stdout, modules };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('--help and a command help load no SQLite, PostgreSQL, fastify or chevrotain', () => {
  for (const args of [['--help'], ['serve', '--help'], ['compile', '--help'], ['key', 'list', '--help']]) {
    const r = loadedModules(args);
    assert.equal(r.status, 0, args.join(' '));
    assert.match(r.stdout, /Usage: rules/);
    assert.ok(r.modules.length > 0, 'the hook saw the modules');
    assert.deepEqual(
      r.modules.filter((m) => heavy.test(m)),
      [],
      `rules ${args.join(' ')}`,
    );
  }
  // The same hook does see them when a command needs them: compiling loads chevrotain (templates, key paths).
  const compiled = loadedModules(['compile', '--check', '--no-cache', '--packs', 'packs']);
  assert.equal(compiled.status, 0);
  assert.ok(compiled.modules.some((m) => /\/node_modules\/chevrotain\//.test(m)));
});
