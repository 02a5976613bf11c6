// One did-you-mean for every stage (issue 17): the same threshold for refs, operators, filters, scheme names.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { editDistance, suggest } from '../../src/diagnostics/index.ts';
import { suggestOperator } from '../../src/criteria/index.ts';

test('editDistance is Levenshtein distance', () => {
  assert.equal(editDistance('', ''), 0);
  assert.equal(editDistance('abc', ''), 3);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('core.lcoal', 'core.local'), 2);
});

test('suggest: the closest candidate within max(2, a third of the length), compared case-insensitively', () => {
  assert.equal(suggest('core.lcoal', ['core.remote', 'core.local']), 'core.local');
  assert.equal(suggest('Upper', ['lower', 'upper']), 'upper');
  // Two edits are always allowed, even for short names; three are not below nine characters.
  assert.equal(suggest('ab', ['xy']), 'xy');
  assert.equal(suggest('githbxxx', ['github']), undefined);
  assert.equal(suggest('abcdefghi', ['abcdefxyz']), 'abcdefxyz');
  assert.equal(suggest('abcdefgh', ['abcdexyz']), undefined);
  assert.equal(suggest('zzzzzzzzzz', ['equals']), undefined);
});

test('suggest: the first of equally close candidates, the candidate as written', () => {
  assert.equal(suggest('cat', ['bat', 'hat']), 'bat');
  assert.equal(suggest('slack', ['Slack', 'slacks']), 'Slack');
});

test('operators keep their familiar names from other engines before the distance', () => {
  assert.equal(suggestOperator('ne'), 'nequals');
  assert.equal(suggestOperator('GTE'), 'greaterthan');
  assert.equal(suggestOperator('startwith'), 'startswith');
  assert.equal(suggestOperator('zzzzzzzzzz'), undefined);
});
