// Compile-time diagnostics of criteria, placed in the rule file (through the YAML source map).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { compileRuleCriteria, operatorNames, suggestOperator } from '../../src/criteria/index.ts';
import { parseYaml } from '../../src/pack/index.ts';
import { ruleFromDocument } from '../../src/app/index.ts';

const text = [
  'name: r',
  'pack: p',
  'trigger: {type: core.st2.webhook, parameters: {url: x}}',
  'criteria:',
  '  trigger.body.a:',
  '    type: equal',
  '    pattern: x',
  '  body.b:',
  '    type: exists',
  '  trigger.body.c:',
  '    type: regex',
  '    pattern: "^a(?!b)"',
  '  trigger.body.d:',
  '    type: SEARCH',
  '    pattern: {}',
  'action: {ref: core.noop}',
  '',
].join('\n');

it('unknown operators get a did-you-mean, and every problem has its line and column', () => {
  const doc = parseYaml(text, 'r.yaml');
  const rule = ruleFromDocument(doc.value, 'r.yaml', doc.source);
  const d = compileRuleCriteria(rule).diagnostics.map(
    (x) => `${x.line}:${x.column} ${x.code}${x.hint ? ` ${x.hint}` : ''}`,
  );
  assert.ok(d.includes('6:11 RULES_E_CRITERIA_UNKNOWN_OPERATOR Did you mean "equals"?'), d.join('\n'));
  assert.ok(
    d.some((x) => x.startsWith('8:3 RULES_W_CRITERIA_KEY_ROOT')),
    d.join('\n'),
  );
  assert.ok(
    d.some((x) => x.startsWith('12:17 RULES_E_CRITERIA_REGEX_BACKTRACKING')),
    d.join('\n'),
  );
  assert.ok(
    d.some((x) => x.startsWith('14:11 RULES_W_CRITERIA_SEARCH_SPELLING')),
    d.join('\n'),
  );
});

it('33 operator names and familiar misspellings', () => {
  assert.equal(operatorNames.length, 33);
  assert.equal(suggestOperator('ne'), 'nequals');
  assert.equal(suggestOperator('startwith'), 'startswith');
  assert.equal(suggestOperator('zzzzzzzzzz'), undefined);
});
