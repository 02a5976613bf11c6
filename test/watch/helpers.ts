// Real pack trees in temporary directories for the watch tests.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export async function tempRoot(): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'rules-watch-'));
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}

export async function write(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}

export const packYaml = (ref: string): string =>
  `ref: ${ref}\nname: ${ref}\ndescription: test pack\nversion: 0.1.0\nauthor: test\n`;

/** A webhook rule on `url` whose criterion requires `trigger.body.v == pattern`. */
export const ruleYaml = (pack: string, name: string, url: string, pattern: string, description = 'rule'): string =>
  `name: ${name}\npack: ${pack}\ndescription: ${description}\nenabled: true\ntrigger:\n  type: core.st2.webhook\n  parameters:\n    url: ${url}\ncriteria:\n  trigger.body.v:\n    type: equals\n    pattern: "${pattern}"\naction:\n  ref: core.noop\n`;

/** Writes pack `name` with the given rule files (name → yaml). */
export async function writePack(root: string, name: string, rules: Record<string, string>): Promise<void> {
  await write(join(root, name, 'pack.yaml'), packYaml(name));
  for (const [file, text] of Object.entries(rules)) await write(join(root, name, 'rules', file), text);
}

/** Polls until `check` returns true; fails after `timeoutMs`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
