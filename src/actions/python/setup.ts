// `rules pack setup`: one virtualenv per pack, as StackStorm's packs.setup_virtualenv makes them: `python -m venv`
// in <data>/virtualenvs/<pack>, then `pip install -r requirements.txt`. Idempotent: a stamp in the virtualenv
// records the interpreter and the requirements' hash, and an unchanged pack is skipped. A failing install names the
// pack and the requirement pip could not get.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { virtualenvPath } from './interpreter.ts';

export interface SetupOptions {
  pack: string;
  packDir: string;
  /** `<data>/virtualenvs`. */
  virtualenvs: string;
  /** The interpreter that creates the virtualenv (already resolved to its executable). */
  python: string;
  /** Extra pip arguments (`--no-index`, `--find-links DIR`, `--index-url URL`). */
  pipArgs?: readonly string[];
  /** Progress lines (ours, and pip's own output indented). */
  progress?: (line: string) => void;
  /** Recreate the virtualenv even when it is up to date. */
  force?: boolean;
}

export type SetupOutcome = { pack: string; virtualenv: string; status: 'created' | 'updated' | 'unchanged' };

export class SetupError extends Error {}

const STAMP = '.rules-setup.json';

interface Stamp {
  python: string;
  requirements: string;
}

/** Runs a command, streaming its output lines to `line`; resolves with the exit code and the last lines. */
function runStreaming(
  file: string,
  args: readonly string[],
  line: (text: string) => void,
): Promise<{ code: number; output: string[]; error?: string }> {
  return new Promise((done) => {
    const output: string[] = [];
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PIP_NO_INPUT: '1' } });
    const onData = (buffer: { rest: string }) => (chunk: Buffer) => {
      const lines = (buffer.rest + chunk.toString('utf8')).split('\n');
      buffer.rest = lines.pop() ?? '';
      for (const l of lines) {
        const text = l.trimEnd();
        if (text === '') continue;
        output.push(text);
        if (output.length > 200) output.shift();
        line(text);
      }
    };
    const out = { rest: '' };
    const err = { rest: '' };
    child.stdout.on('data', onData(out));
    child.stderr.on('data', onData(err));
    child.on('error', (error) => done({ code: 127, output, error: error.message }));
    child.on('close', (code) => {
      for (const rest of [out.rest, err.rest]) if (rest.trim() !== '') output.push(rest.trim());
      done({ code: code ?? 1, output });
    });
  });
}

/** The requirement pip names when it cannot get one, from its own words. */
export function failedRequirement(output: readonly string[]): string | undefined {
  for (const text of [...output].reverse()) {
    const match =
      /No matching distribution found for (\S+)/.exec(text) ??
      /Could not find a version that satisfies the requirement (\S+)/.exec(text);
    if (match?.[1]) return match[1];
  }
  return undefined;
}

async function readStamp(virtualenv: string): Promise<Stamp | undefined> {
  try {
    const value = JSON.parse(await readFile(join(virtualenv, STAMP), 'utf8')) as Partial<Stamp>;
    return typeof value.python === 'string' && typeof value.requirements === 'string'
      ? { python: value.python, requirements: value.requirements }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Creates or updates the pack's virtualenv; throws SetupError with a message naming the pack and the cause. */
export async function setupPackVirtualenv(options: SetupOptions): Promise<SetupOutcome> {
  const { pack, python } = options;
  const say = (text: string): void => options.progress?.(`pack ${pack}: ${text}`);
  const virtualenv = virtualenvPath(options.virtualenvs, pack);
  const requirementsFile = join(options.packDir, 'requirements.txt');
  const requirements = existsSync(requirementsFile) ? await readFile(requirementsFile, 'utf8') : '';
  const wanted: Stamp = { python, requirements: createHash('sha256').update(requirements).digest('hex') };
  const stamp = await readStamp(virtualenv);
  const venvPython = join(virtualenv, 'bin', 'python');
  const present = existsSync(venvPython);
  if (!options.force && present && stamp?.python === wanted.python && stamp.requirements === wanted.requirements) {
    say(`requirements.txt unchanged, virtualenv ${virtualenv} kept`);
    return { pack, virtualenv, status: 'unchanged' };
  }
  // Another interpreter than the one the virtualenv was made with: start again rather than mix versions.
  const fresh = options.force === true || !present || (stamp !== undefined && stamp.python !== wanted.python);
  if (fresh) {
    await rm(virtualenv, { recursive: true, force: true });
    await mkdir(options.virtualenvs, { recursive: true });
    say(`creating virtualenv ${virtualenv} with ${python}`);
    // --system-site-packages: as StackStorm's pack virtualenvs see st2's own libraries, ours see the interpreter's.
    // An interpreter that has pip lends it to the virtualenv (pip installs into the virtualenv it runs in), which
    // spares ensurepip's copy of pip: seconds instead of minutes on a loaded machine.
    const lendsPip = (await runStreaming(python, ['-c', 'import pip'], () => undefined)).code === 0;
    const venv = await runStreaming(
      python,
      ['-m', 'venv', '--system-site-packages', ...(lendsPip ? ['--without-pip'] : []), virtualenv],
      (t) => say(`  ${t}`),
    );
    if (venv.code !== 0)
      throw new SetupError(
        `pack ${pack}: ${python} -m venv failed (exit ${venv.code})${venv.error ? `: ${venv.error}` : ''}` +
          `${venv.output.length ? `\n${venv.output.slice(-5).join('\n')}` : ''}` +
          '\nInstall Python 3 with its venv module (Debian: apt-get install python3-venv).',
      );
  }
  const count = requirements.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#')).length;
  if (count > 0) {
    say(`installing ${count} requirement(s) from ${requirementsFile}`);
    const pip = await runStreaming(
      venvPython,
      ['-m', 'pip', 'install', '--disable-pip-version-check', '-r', requirementsFile, ...(options.pipArgs ?? [])],
      (t) => say(`  ${t}`),
    );
    if (pip.code !== 0) {
      const requirement = failedRequirement(pip.output);
      throw new SetupError(
        requirement !== undefined
          ? `pack ${pack}: cannot install requirement "${requirement}" of ${requirementsFile}: the package index ` +
              'cannot be reached or does not have it (pip: ' +
              `${pip.output.filter((l) => l.startsWith('ERROR')).join(' ') || pip.output.at(-1) || 'no output'})`
          : `pack ${pack}: pip install -r ${requirementsFile} failed (exit ${pip.code})\n` +
              pip.output.slice(-10).join('\n'),
      );
    }
  } else say('no requirements.txt entries to install');
  await writeFile(join(virtualenv, STAMP), `${JSON.stringify(wanted)}\n`);
  say(`ready: ${venvPython}`);
  return { pack, virtualenv, status: fresh ? 'created' : 'updated' };
}
