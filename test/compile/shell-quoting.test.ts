import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compilePacks } from '../../src/compile/index.ts';
import { checkShellQuoting } from '../../src/compile/shell-quoting.ts';
import { codes } from '../../src/diagnostics/index.ts';
import { action, rule } from '../enforce/helpers.ts';

const local = action('core.local', 'local-shell-cmd', { cmd: { type: 'string', required: true } });
const warn = (cmd: unknown, a = local) => checkShellQuoting(rule('r', a.ref, { cmd }), a);

test('unquoted trigger data in a bash cmd is a warning with its own code', () => {
  const d = warn('echo {{ trigger.body.name }} > /tmp/x');
  assert.equal(d.length, 1);
  assert.equal(d[0]?.code, 'RULES_W_ACTION_CMD_UNQUOTED');
  assert.equal(d[0]?.severity, 'warning');
  assert.equal(d[0]?.pointer, '/action/parameters/cmd');
  assert.match(d[0]?.message ?? '', /\{\{ trigger\.body\.name \}\}/);
  assert.ok(codes['RULES_W_ACTION_CMD_UNQUOTED']);
});

test('shell_quote as the last filter, numeric filters and non-trigger data are fine', () => {
  assert.deepEqual(warn('echo {{ trigger.body.name | shell_quote }}'), []);
  assert.deepEqual(warn('echo {{ trigger.body.name | lower | shell_quote }}'), []);
  assert.deepEqual(warn('sleep {{ trigger.body.n | int }}'), []);
  assert.deepEqual(warn('echo {{ action_context.rule.name }} {{ config_context.x }}'), []);
  assert.deepEqual(warn('echo hello'), []);
  assert.deepEqual(warn(42), []);
});

test('a filter before shell_quote is not enough when another comes after it', () => {
  assert.equal(warn('echo {{ trigger.body.name | shell_quote | upper }}').length, 1);
});

test('taint follows set and for into outputs', () => {
  assert.equal(warn('{% set n = trigger.body.name %}echo {{ n }}').length, 1);
  assert.equal(warn('{% for h in trigger.body.hosts %}ping {{ h }};{% endfor %}').length, 1);
  assert.deepEqual(warn('{% for h in trigger.body.hosts %}ping {{ h | shell_quote }};{% endfor %}'), []);
  assert.equal(warn('echo {{ trigger.body.a ~ "x" }} {{ trigger.body.b }}').length, 2);
});

test('only local-shell-cmd actions are checked', () => {
  assert.deepEqual(warn('echo {{ trigger.body.name }}', action('core.http', 'http-request')), []);
  assert.deepEqual(warn('{{ trigger.body.name }}', action('p.s', 'local-shell-script')), []);
});

// Issue 16, item 1: trigger data reaching `cmd` through the action's own parameters, and contexts where
// shell_quote does not keep a value one word.
const echo = action('p.echo', 'local-shell-cmd', {
  message: { type: 'string' },
  cmd: { type: 'string', default: 'echo {{ message }}' },
});
const viaRule = (parameters: Record<string, unknown>, a = echo) => checkShellQuoting(rule('r', a.ref, parameters), a);

test('trigger data passed as a parameter that the action default cmd outputs is a warning naming the flow', () => {
  const d = viaRule({ message: '{{ trigger.body.name }}' });
  assert.equal(d.length, 1);
  assert.equal(d[0]?.code, 'RULES_W_ACTION_CMD_UNQUOTED');
  assert.equal(d[0]?.pointer, '/action/parameters/message');
  assert.match(
    d[0]?.message ?? '',
    /rule parameter `message` "\{\{ trigger\.body\.name \}\}" → `cmd` "\{\{ message \}\}"/,
  );
  assert.deepEqual(viaRule({ message: '{{ trigger.body.name | shell_quote }}' }), []);
  assert.deepEqual(viaRule({ message: 'hello' }), []);
});

test('nested parameter references are followed, in lists too', () => {
  const a = action('p.greet', 'local-shell-cmd', {
    name: { type: 'string' },
    greeting: { type: 'string', default: 'Hello {{ name }}' },
    cmd: { type: 'string', default: 'echo {{ greeting }}', immutable: true },
  });
  const d = viaRule({ name: 'x{{ trigger.body.who }}' }, a);
  assert.equal(d.length, 1);
  assert.match(d[0]?.message ?? '', /rule parameter `name` .* → action parameter `greeting` → `cmd`/);
  const listed = action('p.l', 'local-shell-cmd', {
    hosts: { type: 'array' },
    cmd: { type: 'string', default: 'ping {{ hosts }}', immutable: true },
  });
  const l = viaRule({ hosts: ['a', '{{ trigger.body.h }}'] }, listed);
  assert.equal(l[0]?.pointer, '/action/parameters/hosts/1');
});

test('a parameter cast to a number or boolean carries no shell syntax', () => {
  const a = action('p.n', 'local-shell-cmd', {
    n: { type: 'integer' },
    cmd: { type: 'string', default: 'sleep {{ n }}' },
  });
  assert.deepEqual(viaRule({ n: '{{ trigger.body.n }}' }, a), []);
});

test('shell_quote does not protect inside quotes, backticks, $(...), or after eval, bash -c, ssh', () => {
  const q = '{{ trigger.body.name | shell_quote }}';
  for (const cmd of [
    `echo "${q}"`,
    `echo '${q}'`,
    `echo \`cat ${q}\``,
    `echo $(cat ${q})`,
    `eval echo ${q}`,
    `bash -c ${q}`,
    `sudo -n sh -xc ${q}`,
    `ssh host ls ${q}`,
    `true; eval ${q}`,
  ]) {
    const d = warn(cmd);
    assert.equal(d.length, 1, cmd);
    assert.match(d[0]?.message ?? '', /shell_quote does not protect/, cmd);
  }
  for (const cmd of [`echo ${q}`, `echo "x" ${q}`, `eval "ls"; echo ${q}`, `echo $(date) ${q}`, `echo 'a' ${q} "b"`])
    assert.deepEqual(warn(cmd), [], cmd);
});

test('a parameter quoted by the rule is still unsafe inside double quotes of the action cmd', () => {
  const a = action('p.q', 'local-shell-cmd', {
    message: { type: 'string' },
    cmd: { type: 'string', default: 'echo "{{ message }}"' },
  });
  const d = viaRule({ message: '{{ trigger.body.name | shell_quote }}' }, a);
  assert.equal(d.length, 1);
  assert.match(d[0]?.message ?? '', /inside "\.\.\.", where shell_quote does not protect/);
});

test('int and float are safe unless their default argument is trigger data', () => {
  assert.deepEqual(warn('sleep {{ trigger.body.n | int }}'), []);
  assert.equal(warn('sleep {{ trigger.body.n | int(trigger.body.d) }}').length, 1);
  assert.equal(warn('sleep {{ trigger.body.n | float(default=trigger.body.d) }}').length, 1);
});

test('an immutable cmd never sees trigger, and a rule parameter it does not read is harmless', () => {
  const a = action('p.i', 'local-shell-cmd', {
    message: { type: 'string' },
    cmd: { type: 'string', default: 'echo {{ trigger.body.x }} fixed', immutable: true },
  });
  assert.deepEqual(viaRule({ message: '{{ trigger.body.name }}' }, a), []);
});

test('compile --check: an action default cmd that echoes a rule parameter warns at the rule parameter', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rules-shell-'));
  const files: Record<string, string> = {
    'p/pack.yaml': 'name: p\ndescription: d\nversion: 0.1.0\nauthor: a\n',
    'p/actions/echo.yaml':
      'name: echo\nrunner_type: local-shell-cmd\nparameters:\n  message: {type: string}\n' +
      '  cmd: {type: string, default: "echo {{ message }}"}\n',
    'p/rules/r.yaml':
      'name: r\nenabled: true\ntrigger: {type: core.st2.webhook, parameters: {url: hook}}\n' +
      'action:\n  ref: p.echo\n  parameters:\n    message: "{{ trigger.body.name }}"\n',
  };
  try {
    for (const [path, text] of Object.entries(files)) {
      await mkdir(join(dir, path, '..'), { recursive: true });
      await writeFile(join(dir, path), text);
    }
    const out = await compilePacks({ roots: [dir] });
    const d = out.diagnostics.filter((x) => x.code === 'RULES_W_ACTION_CMD_UNQUOTED');
    assert.equal(d.length, 1);
    assert.equal(d[0]?.file, join(dir, 'p/rules/r.yaml'));
    assert.deepEqual([d[0]?.line, d[0]?.column], [7, 15]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
