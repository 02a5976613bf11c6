// form: json_payload (GitHub's form content type) and GET query strings as bodies, both safe against prototype keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJsonPayloadForm, isFormContentType, queryStringToBody } from '../../src/webhooks/index.ts';
import { octokitExamples } from './helpers.ts';

/** What GitHub sends with content type application/x-www-form-urlencoded. */
function githubForm(payload: unknown): Buffer {
  return Buffer.from(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
}

test('Octokit example payloads sent as GitHub forms decode to the same object', () => {
  for (const { event, payload } of octokitExamples().slice(0, 80)) {
    const result = decodeJsonPayloadForm(githubForm(payload));
    assert.deepEqual(result, { ok: true, body: payload }, event);
  }
  // '+' is a space in form encoding, %2B a plus; non-ASCII arrives percent-encoded UTF-8.
  assert.deepEqual(decodeJsonPayloadForm(Buffer.from('payload=%7B%22a%22%3A%22x+y%2Bz+caf%C3%A9%22%7D')), {
    ok: true,
    body: { a: 'x y+z café' },
  });
});

test('form errors: no payload, two payloads, bad JSON, bad UTF-8', () => {
  const cases: Array<[Buffer, RegExp]> = [
    [Buffer.from('other=1'), /no payload field/],
    [Buffer.from(''), /no payload field/],
    [Buffer.from('payload=%7B%7D&payload=%7B%7D'), /more than one payload/],
    [Buffer.from('payload=%7Bnot json'), /payload field is not valid JSON/],
    [Buffer.from([0x70, 0x61, 0x79, 0x6c, 0x6f, 0x61, 0x64, 0x3d, 0xff]), /not valid UTF-8/],
  ];
  for (const [body, message] of cases) {
    const result = decodeJsonPayloadForm(body);
    assert.equal(result.ok, false, body.toString());
    assert.match(!result.ok ? result.message : '', message);
  }
});

test('form payloads with __proto__ or constructor.prototype are refused', () => {
  for (const json of ['{"__proto__":{"polluted":true}}', '{"a":{"constructor":{"prototype":{"polluted":true}}}}']) {
    const result = decodeJsonPayloadForm(Buffer.from(`payload=${encodeURIComponent(json)}`));
    assert.equal(result.ok, false, json);
    assert.match(!result.ok ? result.message : '', /forbidden prototype property|prototype/);
  }
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
});

test('isFormContentType', () => {
  assert.equal(isFormContentType('application/x-www-form-urlencoded'), true);
  assert.equal(isFormContentType('Application/X-WWW-Form-Urlencoded; charset=utf-8'), true);
  assert.equal(isFormContentType('application/json'), false);
  assert.equal(isFormContentType(undefined), false);
});

test('query strings become bodies: single values as strings, repeated keys as lists', () => {
  assert.deepEqual(queryStringToBody('?a=1&a=2&b=x+y&c=caf%C3%A9&d='), {
    ok: true,
    body: { a: ['1', '2'], b: 'x y', c: 'café', d: '' },
  });
  assert.deepEqual(queryStringToBody(''), { ok: true, body: {} });
  assert.deepEqual(queryStringToBody('flag'), { ok: true, body: { flag: '' } });
  // Keys that exist on Object.prototype are ordinary own properties.
  const result = queryStringToBody('constructor=1&toString=2&hasOwnProperty=3');
  assert.ok(result.ok);
  assert.deepEqual(Object.entries(result.body), [
    ['constructor', '1'],
    ['toString', '2'],
    ['hasOwnProperty', '3'],
  ]);
  assert.equal(JSON.stringify(result.body), '{"constructor":"1","toString":"2","hasOwnProperty":"3"}');
});

test('__proto__ in a query string is refused, encoded or not; too many keys are refused', () => {
  for (const query of ['__proto__[polluted]=1', '__proto__=x', 'a=1&%5F%5Fproto%5F%5F=1']) {
    const result = queryStringToBody(query);
    // `__proto__[polluted]` is an ordinary key (no bracket nesting), so only exact __proto__ is refused.
    if (query.startsWith('__proto__[')) {
      assert.deepEqual(result, { ok: true, body: { '__proto__[polluted]': '1' } });
    } else {
      assert.deepEqual(result, { ok: false, message: 'Object contains forbidden prototype property' }, query);
    }
  }
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  const many = Array.from({ length: 11 }, (_, i) => `k${i}=v`).join('&');
  assert.deepEqual(queryStringToBody(many, 10), { ok: false, message: 'query string has more than 10 parameters' });
  assert.equal(queryStringToBody(many, 11).ok, true);
});
