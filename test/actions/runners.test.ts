import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, chmod, mkdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runners, scriptArguments } from '../../src/actions/index.ts';
import { action, input } from './helpers.ts';

const runner = (name: string) => {
  const r = runners.get(name);
  assert.ok(r, name);
  return r;
};

test("local-shell-cmd runs through bash and returns StackStorm's result shape", async () => {
  const out = await runner('local-shell-cmd').run(
    input(action({ runnerType: 'local-shell-cmd' }), {
      cmd: 'echo hi; echo err >&2; [[ 1 == 1 ]] && echo "$ST2_ACTION_PACK_NAME"',
    }),
  );
  assert.equal(out.status, 'succeeded');
  assert.deepEqual(out.result, { failed: false, succeeded: true, return_code: 0, stdout: 'hi\ntest', stderr: 'err' });
});

test('local-shell-cmd: non-zero exit is failed with the return code', async () => {
  const out = await runner('local-shell-cmd').run(
    input(action({ runnerType: 'local-shell-cmd' }), { cmd: 'echo nope; exit 3' }),
  );
  assert.equal(out.status, 'failed');
  assert.equal(out.result['return_code'], 3);
  assert.equal(out.result['succeeded'], false);
  assert.equal(out.result['stdout'], 'nope');
});

test('local-shell-cmd: env and cwd parameters apply; the runtime environment does not leak', async () => {
  process.env['RULES_SECRET_FOR_TEST'] = 'leak';
  const dir = await mkdtemp(join(tmpdir(), 'rules-act-'));
  try {
    const out = await runner('local-shell-cmd').run(
      input(action({ runnerType: 'local-shell-cmd' }), {
        cmd: 'echo "$FOO:${RULES_SECRET_FOR_TEST:-none}:$(pwd)"',
        env: { FOO: 'bar' },
        cwd: dir,
      }),
    );
    assert.equal(out.result['stdout'], `bar:none:${dir}`);
  } finally {
    delete process.env['RULES_SECRET_FOR_TEST'];
    await rm(dir, { recursive: true });
  }
});

test('local-shell-cmd: timeout kills the whole process group and ends in timeout', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rules-act-'));
  try {
    const marker = join(dir, 'grandchild');
    const started = Date.now();
    // The grandchild would write the marker after 2s if it survived the group kill.
    const out = await runner('local-shell-cmd').run(
      input(action({ runnerType: 'local-shell-cmd' }), { cmd: `(sleep 2; touch ${marker}) & sleep 30`, timeout: 0.3 }),
    );
    assert.ok(Date.now() - started < 5000);
    assert.equal(out.status, 'timeout');
    assert.equal(out.result['return_code'], -9);
    assert.equal(out.result['error'], 'Action failed to complete in 0.3 seconds');
    await new Promise((r) => setTimeout(r, 2500));
    await assert.rejects(readFile(marker));
  } finally {
    await rm(dir, { recursive: true });
  }
});

test('output above the cap is cut and flagged truncated', async () => {
  const out = await runner('local-shell-cmd').run(
    input(
      action({ runnerType: 'local-shell-cmd' }),
      { cmd: 'head -c 5000 /dev/zero | tr "\\0" a' },
      { maxOutputBytes: 100 },
    ),
  );
  assert.equal(out.status, 'succeeded');
  assert.equal((out.result['stdout'] as string).length, 100);
  assert.equal(out.result['truncated'], true);
});

test('cancel through the signal ends in canceled', async () => {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 100);
  const out = await runner('local-shell-cmd').run(
    input(action({ runnerType: 'local-shell-cmd' }), { cmd: 'sleep 30' }, { signal: controller.signal }),
  );
  assert.equal(out.status, 'canceled');
});

test('scriptArguments: named first as --name=value, true as a flag, then positional in order', () => {
  const a = action({
    runnerType: 'local-shell-script',
    parameters: {
      second: { type: 'string', position: 1 },
      first: { type: 'boolean', position: 0 },
      list: { type: 'array', position: 2 },
      name: { type: 'string' },
      flag: { type: 'boolean' },
      off: { type: 'boolean' },
    },
  });
  assert.deepEqual(
    scriptArguments(a, {
      first: true,
      second: 'two words; rm -rf /',
      list: ['a', 'b'],
      name: 'x y',
      flag: true,
      off: false,
      nothing: null,
      timeout: 60,
    }),
    ['--name=x y', '--flag', '1', 'two words; rm -rf /', 'a,b'],
  );
});

test('local-shell-script runs the entry point from the pack with argv, never through a shell', async () => {
  const pack = await mkdtemp(join(tmpdir(), 'rules-pack-'));
  try {
    await mkdir(join(pack, 'actions'));
    const script = join(pack, 'actions', 'args.sh');
    await writeFile(script, '#!/bin/bash\nfor a in "$@"; do echo "[$a]"; done\n');
    await chmod(script, 0o755);
    const a = action({
      runnerType: 'local-shell-script',
      entryPoint: 'args.sh',
      packDir: pack,
      parameters: { p: { type: 'string', position: 0 }, n: { type: 'integer' } },
    });
    const out = await runner('local-shell-script').run(input(a, { p: '$(touch /tmp/x) `id`', n: 5 }));
    assert.equal(out.status, 'succeeded');
    assert.equal(out.result['stdout'], '[--n=5]\n[$(touch /tmp/x) `id`]');
  } finally {
    await rm(pack, { recursive: true });
  }
});

test('nodejs runs the default export in a child process; console output stays separate from the result', async () => {
  const pack = await mkdtemp(join(tmpdir(), 'rules-pack-'));
  try {
    await mkdir(join(pack, 'actions'));
    await writeFile(
      join(pack, 'actions', 'sum.mjs'),
      'export default async (params, context) => { console.log("log line"); return { sum: params.a + params.b, rule: context.rule.name, pid: process.pid !== undefined }; };\n',
    );
    await writeFile(join(pack, 'actions', 'boom.mjs'), 'export default async () => { throw new Error("boom"); };\n');
    await writeFile(
      join(pack, 'actions', 'hang.mjs'),
      'export default () => new Promise(() => setInterval(() => {}, 1000));\n',
    );
    const sum = await runner('nodejs').run(
      input(
        action({ runnerType: 'nodejs', entryPoint: 'sum.mjs', packDir: pack }),
        { a: 2, b: 3 },
        { context: { rule: { name: 'r' } } },
      ),
    );
    assert.equal(sum.status, 'succeeded');
    assert.deepEqual(sum.result['result'], { sum: 5, rule: 'r', pid: true });
    assert.equal(sum.result['stdout'], 'log line');
    assert.equal(sum.result['exit_code'], 0);
    const boom = await runner('nodejs').run(
      input(action({ runnerType: 'nodejs', entryPoint: 'boom.mjs', packDir: pack }), {}),
    );
    assert.equal(boom.status, 'failed');
    assert.match(String(boom.result['error']), /Error: boom/);
    const hang = await runner('nodejs').run(
      input(action({ runnerType: 'nodejs', entryPoint: 'hang.mjs', packDir: pack }), { timeout: 1 }),
    );
    assert.equal(hang.status, 'timeout');
  } finally {
    await rm(pack, { recursive: true });
  }
});

test('http-request records status, headers and the JSON-decoded body', async () => {
  const seen: Array<{ method: string; url: string; body: string; type: string | undefined }> = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', body, type: req.headers['content-type'] });
      if (req.url?.startsWith('/missing')) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('nope');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'x-test': '1' }).end(JSON.stringify({ ok: true }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const a = action({ runnerType: 'http-request' });
    const ok = await runner('http-request').run(
      input(a, { url: `${base}/hook`, method: 'post', body: { a: 1 }, params: { q: 'x y' } }),
    );
    assert.equal(ok.status, 'succeeded');
    assert.equal(ok.result['status_code'], 200);
    assert.deepEqual(ok.result['body'], { ok: true });
    assert.equal((ok.result['headers'] as Record<string, string>)['x-test'], '1');
    assert.deepEqual(seen[0], { method: 'POST', url: '/hook?q=x+y', body: '{"a":1}', type: 'application/json' });
    const missing = await runner('http-request').run(input(a, { url: `${base}/missing` }));
    assert.equal(missing.status, 'failed');
    assert.equal(missing.result['status_code'], 404);
    assert.equal(missing.result['body'], 'nope');
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});

test('http-request: timeout ends in timeout', async () => {
  const server = createServer(() => {
    // Never answers.
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const out = await runner('http-request').run(
      input(action({ runnerType: 'http-request' }), {
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
        timeout: 0.3,
      }),
    );
    assert.equal(out.status, 'timeout');
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});

test('noop succeeds', async () => {
  const out = await runner('noop').run(input(action({ runnerType: 'noop' }), {}));
  assert.equal(out.status, 'succeeded');
  assert.equal(out.result['return_code'], 0);
});

test('local-shell-cmd does not source the ~/.bashrc of the runtime user', async () => {
  const home = await mkdtemp(join(tmpdir(), 'rules-home-'));
  try {
    await writeFile(join(home, '.bashrc'), 'echo SOURCED\n');
    await writeFile(join(home, '.bash_profile'), 'echo SOURCED\n');
    const out = await runner('local-shell-cmd').run(
      input(action({ runnerType: 'local-shell-cmd' }), { cmd: 'echo hi', env: { HOME: home } }),
    );
    assert.equal(out.result['stdout'], 'hi');
  } finally {
    await rm(home, { recursive: true });
  }
});
