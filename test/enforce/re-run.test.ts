// The parameters of a re-run (src/enforce/re-run.ts): the earlier run's as stored, the request's on top.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { reRunParameters } from '../../src/enforce/re-run.ts';
import { renderActionParameters } from '../../src/enforce/index.ts';
import type { ParameterSpec } from '../../src/model/index.ts';

const specs: Record<string, ParameterSpec> = {
  name: { type: 'string' },
  level: { type: 'integer', default: 1 },
  cmd: { type: 'string', immutable: true, default: 'echo {{ name }}' },
  token: { type: 'string', secret: true },
};

const nothing = (): string => 'not asked';

describe('re-run parameters', () => {
  it('keeps what was given, leaves out defaults and immutable parameters (they come back when finalised)', () => {
    const stored = { name: 'world', level: 1, cmd: 'echo world' };
    assert.deepEqual(reRunParameters(stored, {}, specs, nothing), { ok: true, parameters: { name: 'world' } });
    assert.deepEqual(reRunParameters({ ...stored, level: 3 }, {}, specs, nothing), {
      ok: true,
      parameters: { name: 'world', level: 3 },
    });
  });

  it("the request's parameters win; no_merge keeps only them", () => {
    const stored = { name: 'world', level: 3 };
    assert.deepEqual(reRunParameters(stored, { parameters: { name: 'again' } }, specs, nothing), {
      ok: true,
      parameters: { level: 3, name: 'again' },
    });
    assert.deepEqual(reRunParameters(stored, { parameters: { name: 'x' }, noMerge: true }, specs, nothing), {
      ok: true,
      parameters: { name: 'x' },
    });
  });

  it('a masked secret is recovered, given again, or the re-run is refused naming it', () => {
    const stored = { name: 'world', token: '********' };
    let asked = 0;
    const recover = (): Record<string, unknown> => (asked++, { name: 'world', token: 'real' });
    assert.deepEqual(reRunParameters(stored, {}, specs, recover), {
      ok: true,
      parameters: { name: 'world', token: 'real' },
    });
    assert.equal(asked, 1);
    assert.deepEqual(reRunParameters(stored, { parameters: { token: 'new' } }, specs, recover), {
      ok: true,
      parameters: { name: 'world', token: 'new' },
    });
    assert.equal(asked, 1, 'not recovered when given');
    assert.deepEqual(
      reRunParameters(stored, {}, specs, () => 'the trigger instance is gone'),
      {
        ok: false,
        error:
          'Parameter "token" is secret and stored masked; give its value in "parameters" to re-run (the trigger instance is gone)',
      },
    );
    // A secret whose stored value is not the mask (null, or a runner that stored it in the clear) is kept.
    assert.deepEqual(reRunParameters({ token: null }, {}, specs, nothing), { ok: true, parameters: { token: null } });
  });
});

describe('literal parameters', () => {
  it('are never rendered, while templated defaults still read them', () => {
    const rendered = renderActionParameters({
      ruleParameters: {},
      literalParameters: { name: '{{ 7 * 7 }}' },
      actionParameters: { name: { type: 'string' }, greeting: { type: 'string', default: 'hi {{ name }}' } },
      runnerParameters: {},
      context: { trigger: {}, action_context: {}, config_context: {}, datastore: { system: {}, user: {} } },
    });
    assert.deepEqual(rendered, { ok: true, parameters: { name: '{{ 7 * 7 }}', greeting: 'hi {{ 7 * 7 }}' } });
  });
});
