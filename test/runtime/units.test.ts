// The pure pieces: WebOb header names, Python unquote, parse_qs, route matching, URL redaction in logs.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import {
  createLogger,
  matchRoute,
  parseQs,
  pyUnquote,
  redactUrl,
  splitUrl,
  webobHeaderName,
} from '../../src/runtime/index.ts';
import { json, rule, ruleSet, startServer } from './helpers.ts';

describe('runtime units', () => {
  it('webobHeaderName is str.title() over the WSGI name', () => {
    assert.equal(webobHeaderName('x-github-event'), 'X-Github-Event');
    assert.equal(webobHeaderName('X-GitHub-Delivery'), 'X-Github-Delivery');
    assert.equal(webobHeaderName('ETag'), 'Etag');
    assert.equal(webobHeaderName('x_custom_h'), 'X-Custom-H');
    assert.equal(webobHeaderName('x-b3-spanid'), 'X-B3-Spanid');
  });

  it('pyUnquote decodes like urllib.parse.unquote', () => {
    assert.equal(pyUnquote('caf%C3%A9'), 'café');
    assert.equal(pyUnquote('a%2Fb+c'), 'a/b+c');
    assert.equal(pyUnquote('bad%zz%4'), 'bad%zz%4');
    assert.equal(pyUnquote('%ff'), '\ufffd');
  });

  it('splitUrl strips one trailing slash; matchRoute follows §1.1', () => {
    assert.deepEqual(splitUrl('/v1/webhooks/sample//?a=1'), { path: '/v1/webhooks/sample/', query: 'a=1' });
    assert.deepEqual(matchRoute('POST', '/v1/webhooks/sample/'), { kind: 'hook', hook: 'sample/' });
    assert.deepEqual(matchRoute('POST', '/webhooks//x'), { kind: 'hook', hook: '/x' });
    assert.deepEqual(matchRoute('GET', '/api/v1/webhooks'), { kind: 'list' });
    assert.deepEqual(matchRoute('GET', '/v1/webhooks/x'), { kind: 'get', url: 'x' });
    assert.equal(matchRoute('GET', '/v1/webhooks/x/y'), undefined);
    assert.equal(matchRoute('POST', '/v1/webhooks'), undefined);
    assert.equal(matchRoute('PATCH', '/v1/webhooks/x'), undefined);
    assert.equal(matchRoute('POST', '/v1/Webhooks/x'), undefined);
  });

  it('parseQs is parse_qs: lists, blanks and bare keys dropped, + as space, ; not a separator', () => {
    assert.deepEqual(
      { ...parseQs(Buffer.from('a=1&a=2&b=&c&e=%E2%82%AC+x&h=1;i=2')) },
      { a: ['1', '2'], e: ['€ x'], h: ['1;i=2'] },
    );
  });

  it('redactUrl masks credentials in query strings', () => {
    assert.equal(
      redactUrl('/v1/webhooks/x?st2-api-key=abc&a=1&x-auth-token=t'),
      '/v1/webhooks/x?st2-api-key=********&a=1&x-auth-token=********',
    );
    // Issue 16, item 5: names are matched as authentication decodes them.
    assert.equal(
      redactUrl('/v1/webhooks/x?st2%2Dapi%2Dkey=abc&X-Auth%2dToken=t&a=%2D#f'),
      '/v1/webhooks/x?st2%2Dapi%2Dkey=********&X-Auth%2dToken=********&a=%2D#f',
    );
    assert.equal(redactUrl('/x?a=1&b'), '/x?a=1&b');
  });

  it('request logs carry no credential', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    const s = await startServer(ruleSet([rule('p.a', { type: 'core.st2.webhook', parameters: { url: 'x' } })]), {
      logger: createLogger({ destination }),
      auth: { enabled: true },
    });
    try {
      const { key } = await s.store.apiKeys.create('admin');
      await s.store.tokens.create({ user: 'admin', token: 'secret-token' });
      assert.equal((await fetch(`${s.url}/v1/webhooks/x?st2-api-key=${key}`, json({}))).status, 202);
      // A percent-encoded name still authenticates (as in StackStorm), so it must be masked too.
      assert.equal((await fetch(`${s.url}/v1/webhooks/x?st2%2Dapi%2Dkey=${key}`, json({}))).status, 202);
      assert.equal((await fetch(`${s.url}/v1/rules?st2%2Dapi%2Dkey=${key}`)).status, 200);
      assert.equal(
        (await fetch(`${s.url}/v1/webhooks/x`, json({}, { 'st2-api-key': key, 'x-auth-token': 'secret-token' })))
          .status,
        202,
      );
      const log = lines.join('');
      assert.match(log, /"url":"\/v1\/webhooks\/x\?st2-api-key=\*\*\*\*\*\*\*\*"/);
      assert.ok(!log.includes(key), 'API key logged');
      assert.ok(!log.includes('secret-token'), 'token logged');
    } finally {
      await s.close();
    }
  });
});
