import { test } from 'node:test';
import assert from 'node:assert/strict';
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
