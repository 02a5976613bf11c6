// Issue 14, point 10: a list or dict action parameter renders as StackStorm's render_live_params does
// (st2common/util/param.py _render): the structure is JSON-encoded, an item that is exactly "{{name}}" becomes
// {{name | to_complex}} and keeps the value's type (["{{trigger}}"] is a list holding the trigger's dict), every
// other template renders as text inside its JSON string, and the text is JSON-decoded. Differential test against
// that algorithm run with Debian's python3-jinja2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { renderActionParameters } from '../../src/enforce/params.ts';

const PYTHON = '/usr/bin/python3';
const trigger = { a: 'x', n: 5, f: 1.5, b: true, z: null, l: [1, 'two'], d: { k: 'v' }, q: 'say "hi"', u: 'é' };

function render(value: unknown): { value?: unknown; error?: string } {
  const r = renderActionParameters({
    ruleParameters: { p: value },
    actionParameters: {},
    runnerParameters: {},
    context: { trigger, action_context: {}, config_context: {}, datastore: { system: {}, user: {} } },
  });
  return r.ok ? { value: r.parameters['p'] } : { error: r.error };
}

const values: unknown[] = [
  ['{{trigger}}'],
  ['{{ trigger }}'],
  ['{{trigger.d}}'],
  ['{{ trigger.d }}'],
  { x: '{{trigger}}', y: 'static', z: 3 },
  { x: '{{trigger.n}}' },
  ['{{trigger.n}}', '{{ trigger.b }}', '{{trigger.z}}'],
  ['{{ trigger.a }}-suffix', 'plain', 1, null, true],
  { nested: { deep: ['{{ trigger.l }}', '{{trigger}}'] } },
  ['{{ trigger.q }}'],
  ['{{ trigger.u }}', 'ü'],
  ['{{ trigger.missing }}'],
  ['{% if trigger.b %}yes{% endif %}'],
  { '{{trigger.a}}': 1 },
];

test('lists and dicts render as StackStorm’s _render: the same value or a failure', () => {
  const py = spawnSync(PYTHON, [fileURLToPath(new URL('./render-harness.py', import.meta.url))], {
    input: JSON.stringify({ context: { trigger }, values }),
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(py.status, 0, `install Debian's python3-jinja2 for ${PYTHON}: ${py.stderr}`);
  const expected = JSON.parse(py.stdout) as Array<{ value?: unknown; error?: string }>;
  values.forEach((value, i) => {
    const want = expected[i]!;
    const got = render(value);
    if (want.error !== undefined)
      assert.ok(got.error !== undefined, `${JSON.stringify(value)}: ${JSON.stringify(got)}`);
    else assert.deepEqual(got, { value: want.value }, JSON.stringify(value));
  });
});

test('["{{trigger}}"] is a list holding the trigger dict; with spaces or a dotted path it is text', () => {
  assert.deepEqual(render(['{{trigger}}']), { value: [trigger] });
  // Only a bare name keeps its type: a dotted path renders as text (Python's str of the list).
  assert.deepEqual(render({ k: '{{trigger.l}}' }), { value: { k: "[1, 'two']" } });
  assert.equal(typeof (render(['{{ trigger.d }}']).value as unknown[])[0], 'string');
});
