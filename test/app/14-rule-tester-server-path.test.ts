// Issue 14 point 9: `rules test` runs the server's enforcement path (src/enforce/prepare.ts prepareExecution), not
// a copy. As StackStorm's RuleEnforcer (st2reactor/rules/enforcer.py get_action_execution_context and
// get_resolved_parameters -> st2common/util/param.py get_finalized_params): the action resolved from the packs,
// its parameter schema casts and defaults applied, action_context holding user, rule, pack and trigger_instance,
// config_context from the base path's configs/<pack>.yaml. An inline rule's action is resolved from the packs too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFixtures } from '../../src/app/index.ts';

const files: Record<string, string> = {
  'app/pack.yaml': 'name: app\ndescription: d\nversion: 0.1.0\nauthor: a\n',
  'app/actions/report.yaml': [
    'name: report',
    'runner_type: local-shell-script',
    'entry_point: report.sh',
    'enabled: true',
    'parameters:',
    '  count: {type: integer, required: true}',
    '  who: {type: string}',
    '  rule: {type: string}',
    '  region: {type: string}',
    '  level: {type: string, default: info}',
    '',
  ].join('\n'),
  'app/actions/report.sh': '#!/bin/sh\necho "$@"\n',
  'configs/app.yaml': 'region: eu-west-1\n',
  'app/rules/on_hook.yaml': [
    'name: on_hook',
    'pack: app',
    'enabled: true',
    'trigger: {type: core.st2.webhook, parameters: {url: hook}}',
    'action:',
    '  ref: app.report',
    '  parameters:',
    '    count: "{{ trigger.body.n }}"',
    '    who: "{{ action_context.user }}"',
    '    rule: "{{ action_context.rule.name }}/{{ action_context.pack }}/{{ action_context.trigger_instance.id }}"',
    '    region: "{{ config_context.region }}"',
    '',
  ].join('\n'),
};

const expected = {
  count: 7,
  who: 'stanley',
  rule: 'on_hook/app/rule-tester',
  region: 'eu-west-1',
  level: 'info',
  timeout: 60,
  sudo: false,
  sudo_password: null,
  kwarg_op: '--',
  debug: false,
};

test('a fixture gets the parameters the server would run the action with, by ref and inline', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rules-tester-path-'));
  try {
    const root = join(dir, 'packs');
    for (const [path, text] of Object.entries(files)) {
      await mkdir(join(root, path, '..'), { recursive: true });
      await writeFile(join(root, path), text);
    }
    const instance = { trigger: 'core.st2.webhook', payload: { body: { n: '7' } } };
    const byRef = join(dir, 'by-ref.json');
    await writeFile(
      byRef,
      JSON.stringify({ rule: 'app.on_hook', trigger_instance: instance, expect: { match: true } }),
    );
    const inline = join(dir, 'inline.json');
    const rule = {
      name: 'inline',
      pack: 'app',
      trigger: { type: 'core.st2.webhook', parameters: { url: 'hook' } },
      action: { ref: 'app.report', parameters: { count: '{{ trigger.body.n }}' } },
    };
    await writeFile(inline, JSON.stringify({ rule, trigger_instance: instance, expect: { match: true } }));
    const [a, b] = await runFixtures([byRef, inline], [root]);
    assert.equal(a?.pass, true, JSON.stringify(a));
    assert.deepEqual(a?.parameters, expected);
    // The inline rule's action comes from the packs: "7" cast to 7 by the action's schema, defaults filled.
    assert.equal(b?.pass, true, JSON.stringify(b));
    assert.deepEqual(b?.parameters, {
      count: 7,
      level: 'info',
      timeout: 60,
      sudo: false,
      sudo_password: null,
      kwarg_op: '--',
      debug: false,
    });
    // A value the schema cannot cast is the server's error, and no match.
    await writeFile(
      byRef,
      JSON.stringify({
        rule: 'app.on_hook',
        trigger_instance: { ...instance, payload: { body: { n: 'seven' } } },
        expect: { match: true },
      }),
    );
    const [c] = await runFixtures([byRef], [root]);
    assert.equal(c?.pass, false);
    assert.match(c?.error ?? '', /invalid literal for int\(\) with base 10: 'seven'/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
