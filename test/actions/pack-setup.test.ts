// `rules pack setup` for real: python3 -m venv, pip installing a wheel this test builds itself (zipfile, standard
// library) from a local folder (--no-index --find-links: no network), idempotence, a Python action then running on
// the pack's virtualenv, and a clear failure naming the pack and the requirement when the index cannot be reached.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile, appendFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compilePacks } from '../../src/compile/index.ts';
import { pythonScript } from '../../src/actions/index.ts';
import { setupPacks } from '../../src/app/index.ts';
import { PYTHON, requirePython, skipWithoutPython } from './_python.ts';

const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
let dir: string;

// A wheel is a zip with the package and its dist-info: written with the standard library only.
const WHEEL_SCRIPT = `
import base64, hashlib, sys, zipfile
out = sys.argv[1]
files = {
    "rulesdemo/__init__.py": "VALUE = 'from the wheel'\\n",
    "rulesdemo-1.0.dist-info/METADATA": "Metadata-Version: 2.1\\nName: rulesdemo\\nVersion: 1.0\\n",
    "rulesdemo-1.0.dist-info/WHEEL": (
        "Wheel-Version: 1.0\\nGenerator: rules-test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n"
    ),
}
record = []
with zipfile.ZipFile(out + "/rulesdemo-1.0-py3-none-any.whl", "w") as wheel:
    for name, text in files.items():
        data = text.encode()
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append("%s,sha256=%s,%d" % (name, digest, len(data)))
        wheel.writestr(name, data)
    record.append("rulesdemo-1.0.dist-info/RECORD,,")
    wheel.writestr("rulesdemo-1.0.dist-info/RECORD", "\\n".join(record) + "\\n")
`;

function rules(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', main, ...args],
      { timeout: 280_000, env: { ...process.env, RULES_PYTHON: PYTHON, ...env } },
      (error, stdout, stderr) =>
        resolve({ stdout, stderr, code: error ? Number((error as { code?: number }).code ?? 1) : 0 }),
    );
  });
}

async function pack(root: string, name: string, requirements: string): Promise<void> {
  await mkdir(join(root, name, 'actions'), { recursive: true });
  await writeFile(
    join(root, name, 'pack.yaml'),
    `ref: ${name}\nname: ${name}\ndescription: tests\nversion: 0.1.0\nauthor: tests\n`,
  );
  await writeFile(join(root, name, 'requirements.txt'), requirements);
  await writeFile(
    join(root, name, 'actions', 'dep.yaml'),
    'name: dep\nrunner_type: python-script\nentry_point: dep.py\nenabled: true\n',
  );
  await writeFile(
    join(root, name, 'actions', 'dep.py'),
    [
      'import sys',
      'import rulesdemo',
      'from st2common.runners.base_action import Action',
      '',
      'class Dep(Action):',
      '    def run(self):',
      '        in_venv = rulesdemo.__file__.startswith(sys.prefix)',
      '        return {"value": rulesdemo.VALUE, "prefix": sys.prefix, "installed_in_venv": in_venv}',
      '',
    ].join('\n'),
  );
}

before(async () => {
  if (skipWithoutPython) return;
  requirePython();
  dir = await mkdtemp(join(tmpdir(), 'rules-pack-setup-'));
  await mkdir(join(dir, 'wheels'));
  execFileSync(requirePython(), ['-c', WHEEL_SCRIPT, join(dir, 'wheels')]);
  await pack(join(dir, 'packs'), 'venvpack', 'rulesdemo==1.0\n');
});

after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** setupPacks in this process (what the CLI calls), its progress and result lines collected. */
async function setupInProcess(
  names: string[],
  pipArgs: string[],
): Promise<{ failed: number; out: string; err: string }> {
  const lines = { out: [] as string[], err: [] as string[] };
  const failed = await setupPacks(names, {
    packs: [join(dir, 'packs')],
    data: join(dir, 'data'),
    python: requirePython(),
    pipArgs,
    progress: (line) => lines.err.push(line),
    result: (line) => lines.out.push(line),
  });
  return { failed, out: lines.out.join('\n'), err: lines.err.join('\n') };
}

// One virtualenv for the whole file: creating one takes most of a minute on a loaded machine.
test(
  'rules pack setup: install, skip when unchanged, run on it, fail naming the pack and requirement',
  { skip: skipWithoutPython },
  async () => {
    const local = ['--no-index', '--find-links', join(dir, 'wheels')];
    const first = await rules([
      'pack',
      'setup',
      'venvpack',
      '--packs',
      join(dir, 'packs'),
      '--data',
      join(dir, 'data'),
      ...local,
    ]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^venvpack: created .*virtualenvs\/venvpack/m);
    assert.match(first.stderr, /pack venvpack: creating virtualenv/);
    assert.match(first.stderr, /pack venvpack: installing 1 requirement\(s\)/);
    assert.match(first.stderr, /Successfully installed rulesdemo-1\.0/);
    assert.ok(existsSync(join(dir, 'data', 'virtualenvs', 'venvpack', 'bin', 'python')));

    const again = await setupInProcess(['venvpack'], local);
    assert.equal(again.failed, 0, again.err);
    assert.match(again.out, /^venvpack: unchanged/m);
    assert.doesNotMatch(again.err, /installing/);

    // The pack's actions now run on its virtualenv, which has the requirement.
    const output = await compilePacks({ roots: [join(dir, 'packs')] });
    const action = output.actions.find((a) => a.ref === 'venvpack.dep');
    assert.ok(action);
    const logs: string[] = [];
    const outcome = await pythonScript.run({
      action,
      parameters: {},
      context: {},
      executionId: 'e1',
      maxOutputBytes: 1 << 20,
      services: { virtualenvs: join(dir, 'data', 'virtualenvs'), python: PYTHON },
      log: (fields, message) => logs.push(`${message} ${String(fields['interpreter'])}`),
    });
    assert.equal(outcome.status, 'succeeded', String(outcome.result['stderr']));
    assert.deepEqual(outcome.result['result'], {
      value: 'from the wheel',
      prefix: join(dir, 'data', 'virtualenvs', 'venvpack'),
      installed_in_venv: true,
    });
    assert.match(logs[0] ?? '', /the pack's virtualenv .*venvpack .*bin\/python/);

    // A changed requirements.txt is installed again; a requirement the index would have to give, with the index
    // unreachable (nothing listens on the loopback discard port), fails naming the pack and the requirement.
    await appendFile(join(dir, 'packs', 'venvpack', 'requirements.txt'), 'notthere==1.0\n');
    process.env['PIP_RETRIES'] = '0';
    try {
      const offline = await setupInProcess(
        ['venvpack'],
        ['--index-url', 'http://127.0.0.1:9/simple', '--find-links', join(dir, 'wheels')],
      );
      assert.equal(offline.failed, 1);
      assert.match(offline.err, /pack venvpack: installing 2 requirement\(s\)/);
      assert.match(
        offline.err,
        new RegExp(
          'rules pack setup: pack venvpack: cannot install requirement "notthere==1\\.0" of .*requirements\\.txt: ' +
            'the package index cannot be reached',
        ),
      );
    } finally {
      delete process.env['PIP_RETRIES'];
    }
    // An unknown name is a usage error (the CLI exits 2 on it, as on every UsageError).
    await assert.rejects(setupInProcess(['nosuchpack'], []), /no pack "nosuchpack"/);
  },
);
