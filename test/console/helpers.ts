// The console tests' server: `rules serve` assembled as the CLI does (engine, store, auth, hot reload), on port 0,
// over a small pack in a temporary directory, with one API key.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { resolveServeOptions, serve } from '../../src/app/index.ts';
import type { RunningServer } from '../../src/app/index.ts';
import { openStore } from '../../src/store/index.ts';

/** `greet` runs a shell command when `name` is "world"; `shout` (same url) needs `loud: true`, so it does not. */
export const GREET_RULE = `name: greet
pack: demo
description: Greets.
enabled: true
trigger:
  type: core.st2.webhook
  parameters:
    url: greet
criteria:
  trigger.body.name:
    type: equals
    pattern: world
action:
  ref: demo.hello
  parameters:
    name: "{{ trigger.body.name }}"
    token: "{{ trigger.body.token }}"
`;

export const SHOUT_RULE = `name: shout
pack: demo
description: Shouts, only when asked to.
enabled: true
trigger:
  type: core.st2.webhook
  parameters:
    url: greet
criteria:
  trigger.body.name:
    type: equals
    pattern: world
  trigger.body.loud:
    type: equals
    pattern: true
action:
  ref: core.noop
`;

/** Compares with a secret datastore key: "Why not?" must not show the key's value. */
export const GATE_RULE = `name: gate
pack: demo
description: Opens for the password.
enabled: true
trigger:
  type: core.st2.webhook
  parameters:
    url: gate
criteria:
  trigger.body.password:
    type: equals
    pattern: "{{ st2kv.system.gate_password }}"
action:
  ref: core.noop
`;

export const GATE_PASSWORD = 'hunter2-secret';

/** Prints its arguments; `token` is a secret parameter (stored masked, the process still gets it). */
export const HELLO_ACTION = `name: hello
pack: demo
description: Says hello.
runner_type: local-shell-cmd
enabled: true
parameters:
  name:
    type: string
    required: true
  token:
    type: string
    secret: true
  cmd:
    type: string
    immutable: true
    default: "echo hello {{ name | shell_quote }} {{ token | shell_quote }}"
`;

export interface ConsoleServer {
  base: string;
  key: string;
  /** The pack root (the demo pack is under it). */
  packs: string;
  storePath: string;
  server: RunningServer;
  /** Authenticated JSON request to the server. */
  api(path: string, init?: { method?: string; body?: unknown }): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

async function write(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}

/** Starts the server; `watch` turns hot reload on (the Overview's diagnostics come from it); `auth: false` is --no-auth. */
export async function startConsoleServer(options: { watch?: boolean; auth?: boolean } = {}): Promise<ConsoleServer> {
  const root = await mkdtemp(join(tmpdir(), 'rules-console-'));
  const packs = join(root, 'packs');
  await write(join(packs, 'demo', 'pack.yaml'), 'ref: demo\nname: demo\ndescription: d\nversion: 0.1.0\nauthor: t\n');
  await write(join(packs, 'demo', 'rules', 'greet.yaml'), GREET_RULE);
  await write(join(packs, 'demo', 'rules', 'shout.yaml'), SHOUT_RULE);
  await write(join(packs, 'demo', 'rules', 'gate.yaml'), GATE_RULE);
  await write(join(packs, 'demo', 'actions', 'hello.yaml'), HELLO_ACTION);
  const storePath = join(root, 'data', 'rules.db');
  const setup = openStore(storePath);
  const { key } = await setup.apiKeys.create('tester');
  await setup.kv.set({ name: 'gate_password', value: GATE_PASSWORD, secret: true });
  await setup.close();
  process.env['RULES_LOG_LEVEL'] ??= 'warn';
  const server = await serve(
    resolveServeOptions(
      {
        packs: [packs],
        port: '0',
        host: '127.0.0.1',
        store: storePath,
        auth: options.auth ?? true,
        watch: options.watch === true,
      },
      {},
    ),
  );
  const base = server.url;
  return {
    base,
    key,
    packs,
    storePath,
    server,
    async api(path, init = {}) {
      const response = await fetch(`${base}${path}`, {
        method: init.method ?? 'GET',
        headers: {
          'St2-Api-Key': key,
          ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Not JSON.
      }
      return { status: response.status, body };
    },
    async close() {
      await server.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it returns a value; fails after `timeoutMs` (generous: the machine may be loaded). */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
