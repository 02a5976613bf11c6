// Golden file of generated matcher code: reviewable output, regenerated only with UPDATE_GOLDEN=1.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { buildMatcher } from '../../src/criteria/index.ts';
import { makeRule } from './helpers.ts';

const golden = new URL('./golden/matcher.js.txt', import.meta.url);

it('generated code for a representative rule set matches test/criteria/golden/matcher.js.txt', () => {
  const rules = [
    makeRule({
      name: 'push',
      criteria: {
        'trigger.headers.X-Github-Event': { type: 'equals', pattern: 'push' },
        'trigger.body.ref': { type: 'startswith', pattern: 'refs/heads/' },
      },
    }),
    makeRule({
      name: 'label',
      criteria: {
        "trigger.body['pull_request'].labels[*].name": { type: 'contains', pattern: 'bug' },
        'trigger.body.action': { type: 'in', pattern: ['opened', 'labeled'] },
      },
    }),
    makeRule({
      name: 'regex',
      criteria: {
        'trigger.body.comment.body': { type: 'regex', pattern: '^/deploy (?P<env>\\w+)$' },
        'trigger.body.n': { type: 'gt', pattern: '{{ st2kv.system.min }}' },
      },
    }),
    makeRule({
      name: 'search',
      criteria: {
        'trigger.body.items': {
          type: 'search',
          condition: 'any',
          pattern: { 'item.state': { type: 'iequals', pattern: 'Failed' } },
        },
      },
    }),
    makeRule({ name: 'off', enabled: false, criteria: { 'trigger.x': { type: 'exists', pattern: 'x' } } }),
  ];
  const source = buildMatcher(rules).source;
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, source);
  assert.equal(source, readFileSync(golden, 'utf8'));
});
