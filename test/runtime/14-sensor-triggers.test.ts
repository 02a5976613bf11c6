// Issue 14, point 3: trigger types declared in sensors/*.yaml (`trigger_types:`) are trigger types of the pack,
// whether the sensor is enabled or not, as StackStorm's sensors registrar registers them
// (st2common/bootstrap/sensorsregistrar.py _register_sensor_from_pack → st2common/models/utils/sensor_type_utils.py
// to_sensor_db_model → create_trigger_types). Rules on them compile, and instances reach them through the generic
// `st2` webhook: by type ref for a parameterless type (its shadow Trigger), by {type, parameters} for a
// parameterised one (st2common/services/triggers.py get_trigger_db_given_type_and_params, as sensors dispatch).
// The system trigger list is StackStorm's st2common/constants/triggers.py (INTERNAL_TRIGGER_TYPES, timers, webhook).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compilePacks } from '../../src/compile/index.ts';
import type { CompileOutput } from '../../src/compile/index.ts';
import { buildRuleSet } from '../../src/ruleset/index.ts';
import { loadBuiltins } from '../../src/pack/index.ts';
import { json, startServer } from './helpers.ts';
import type { TestServer } from './helpers.ts';

const files: Record<string, string> = {
  'watch/pack.yaml': 'name: watch\ndescription: d\nversion: 0.1.0\nauthor: a\n',
  'watch/sensors/file_watch.yaml': [
    'class_name: FileWatchSensor',
    'entry_point: file_watch.py',
    'enabled: false',
    'trigger_types:',
    '  - name: line',
    '    description: a new line',
    '    parameters_schema:',
    '      type: object',
    '      properties:',
    '        file_path: {type: string, required: true}',
    '      additionalProperties: false',
    '    payload_schema:',
    '      type: object',
    '      properties:',
    '        line: {type: string}',
    '  - name: rotated',
    '    description:',
    '',
  ].join('\n'),
  'watch/rules/on_line.yaml': [
    'name: on_line',
    'enabled: true',
    'trigger:',
    '  type: watch.line',
    '  parameters: {file_path: /tmp/app.log}',
    'criteria:',
    '  trigger.line: {type: contains, pattern: ERROR}',
    'action: {ref: core.noop}',
    '',
  ].join('\n'),
  'watch/rules/on_rotated.yaml':
    'name: on_rotated\nenabled: true\ntrigger: {type: watch.rotated}\naction: {ref: core.noop}\n',
  'watch/rules/on_inquiry.yaml':
    'name: on_inquiry\nenabled: true\ntrigger: {type: core.st2.generic.inquiry}\naction: {ref: core.noop}\n',
};

describe('trigger types of sensors', () => {
  let dir: string;
  let out: CompileOutput;
  let s: TestServer;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rules-sensors-'));
    for (const [path, text] of Object.entries(files)) {
      await mkdir(join(dir, path, '..'), { recursive: true });
      await writeFile(join(dir, path), text);
    }
    out = await compilePacks({ roots: [dir] });
    s = await startServer(buildRuleSet(out, 1));
  });
  after(async () => {
    await s.close();
    await rm(dir, { recursive: true });
  });

  it('registers every trigger_types entry, of a disabled sensor too; rules on them compile clean', () => {
    assert.deepEqual(out.diagnostics, []);
    const line = out.triggerTypes.find((t) => t.ref === 'watch.line');
    assert.ok(line);
    assert.equal(line.system, false);
    assert.deepEqual(Object.keys(line.parametersSchema['properties'] as object), ['file_path']);
    assert.ok(out.triggerTypes.some((t) => t.ref === 'watch.rotated'));
  });

  it('a parameterless sensor type is reached by its ref through /v1/webhooks/st2', async () => {
    s.submitted.length = 0;
    const r = await fetch(`${s.url}/v1/webhooks/st2`, json({ trigger: 'watch.rotated', payload: { n: 1 } }));
    assert.equal(r.status, 202);
    assert.equal(s.submitted.length, 1);
    assert.equal(s.submitted[0]?.trigger.ref, 'watch.rotated');
  });

  it('a parameterised sensor type is reached by {type, parameters}, validated against its payload_schema', async () => {
    s.submitted.length = 0;
    const trigger = { type: 'watch.line', parameters: { file_path: '/tmp/app.log' } };
    const r = await fetch(`${s.url}/v1/webhooks/st2`, json({ trigger, payload: { line: 'ERROR x' } }));
    assert.equal(r.status, 202);
    assert.equal(s.submitted.length, 1);
    assert.equal(s.submitted[0]?.trigger.type, 'watch.line');
    const target = s.submitted[0]?.trigger;
    assert.ok(target && 'rules' in target);
    assert.deepEqual(
      target.rules.map((rule) => rule.ref),
      ['watch.on_line'],
    );
    // Other parameters name no Trigger: accepted and dropped, as StackStorm's worker drops it.
    s.submitted.length = 0;
    const other = { type: 'watch.line', parameters: { file_path: '/var/log/other' } };
    assert.equal((await fetch(`${s.url}/v1/webhooks/st2`, json({ trigger: other, payload: {} }))).status, 202);
    assert.equal(s.submitted.length, 0);
    const bad = await fetch(`${s.url}/v1/webhooks/st2`, json({ trigger, payload: { line: 5 } }));
    assert.equal(bad.status, 400);
  });

  it("the system trigger types are StackStorm's st2common/constants/triggers.py list", () => {
    const refs = loadBuiltins()
      .triggerTypes.map((t) => t.ref)
      .sort();
    assert.deepEqual(refs, [
      'core.st2.CronTimer',
      'core.st2.DateTimer',
      'core.st2.IntervalTimer',
      'core.st2.action.file_written',
      'core.st2.generic.actiontrigger',
      'core.st2.generic.inquiry',
      'core.st2.generic.notifytrigger',
      'core.st2.key_value_pair.create',
      'core.st2.key_value_pair.delete',
      'core.st2.key_value_pair.update',
      'core.st2.key_value_pair.value_change',
      'core.st2.sensor.process_exit',
      'core.st2.sensor.process_spawn',
      'core.st2.webhook',
    ]);
  });
});
