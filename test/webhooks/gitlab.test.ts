// GitLab: X-Gitlab-Token carries the configured secret token itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifySignature } from '../../src/webhooks/index.ts';
import { type GitlabScheme } from '../../src/model/index.ts';
import { lookupFrom } from './helpers.ts';

const options: GitlabScheme = {
  scheme: 'gitlab',
  secrets: [{ env: 'GITLAB_TOKEN' }, { datastore: 'gitlab_token_old' }],
};
const body = Buffer.from('{"object_kind":"push","ref":"refs/heads/main"}');

test('the right token passes, a wrong, longer, shorter or missing one fails', () => {
  const secrets = lookupFrom({ GITLAB_TOKEN: ['s3cr3t-token'] });
  assert.deepEqual(
    verifySignature(options, { rawBody: body, headers: { 'x-gitlab-token': 's3cr3t-token' } }, secrets),
    { ok: true },
  );
  assert.deepEqual(
    verifySignature(options, { rawBody: body, headers: { 'X-Gitlab-Token': 's3cr3t-token' } }, secrets),
    { ok: true },
  );
  for (const token of ['s3cr3t-tokem', 's3cr3t-token ', 's3cr3t', 'S3CR3T-TOKEN']) {
    const result = verifySignature(options, { rawBody: body, headers: { 'x-gitlab-token': token } }, secrets);
    assert.deepEqual(result.ok ? 'ok' : result.check, 'signature', token);
  }
  const missing = verifySignature(options, { rawBody: body, headers: {} }, secrets);
  assert.deepEqual(missing.ok ? 'ok' : [missing.check, missing.message], ['header', 'missing header X-Gitlab-Token']);
});

test('rotation: the old token from the datastore is accepted while listed; no secret at all is check "secret"', () => {
  const secrets = lookupFrom({ GITLAB_TOKEN: ['new-token'], 'ds:gitlab_token_old': ['old-token'] });
  assert.deepEqual(verifySignature(options, { rawBody: body, headers: { 'x-gitlab-token': 'old-token' } }, secrets), {
    ok: true,
  });
  const none = verifySignature(options, { rawBody: body, headers: { 'x-gitlab-token': 'old-token' } }, lookupFrom({}));
  assert.deepEqual(none.ok ? 'ok' : [none.check, none.message], [
    'secret',
    'no signature secret is set (environment variable GITLAB_TOKEN, datastore key gitlab_token_old)',
  ]);
});
