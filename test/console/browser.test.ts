// The console in a real browser (issue 19): log in with a key, watch a webhook appear on Events, ask "Why not?" for
// the rule that did not match, read the execution's stdout and re-run it, break a rule file and see its diagnostic
// on the Overview; keyboard only, and in a narrow window. One screenshot per page under test-results/console/.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openStore } from '../../src/store/index.ts';
import { GREET_RULE, eventually, startConsoleServer } from './helpers.ts';
import type { ConsoleServer } from './helpers.ts';
import { launch, screenshot, skipWithoutChromium } from './browser.ts';
import type { Browser } from './browser.ts';

describe('the console in Chromium', { skip: skipWithoutChromium }, () => {
  let s: ConsoleServer;
  let browser: Browser;
  let page: Page;
  /** Every request the page made: url and its St2-Api-Key header. */
  const requests: Array<{ url: string; key: string | undefined }> = [];
  let instanceId = '';
  let executionId = '';

  before(async () => {
    s = await startConsoleServer({ watch: true });
    browser = await launch();
    page = browser.page;
    page.on('request', (r) => requests.push({ url: r.url(), key: r.headers()['st2-api-key'] }));
  });
  after(async () => {
    await browser?.close();
    await s?.close();
  });

  const heading = (name: string) => page.getByRole('heading', { level: 1, name });

  it('logs in with an API key: kept in sessionStorage, sent as St2-Api-Key, never in a URL', async () => {
    await page.goto(`${s.base}/`);
    assert.match(page.url(), /\/console\/$/);
    await page.getByLabel('API key').fill('not-a-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'does not accept this key' }).waitFor();
    await page.getByLabel('API key').fill(s.key);
    await screenshot(page, 'login');
    const signedIn = requests.length;
    await page.keyboard.press('Enter');
    await heading('Overview').waitFor();
    await page.getByTestId('generation').waitFor();
    await screenshot(page, 'overview');
    assert.equal(await page.evaluate('sessionStorage.getItem("rules.console.apiKey")'), s.key);
    assert.equal(await page.evaluate('localStorage.length'), 0);
    assert.deepEqual(await browser.context.cookies(), []);
    const api = requests.slice(signedIn).filter((r) => new URL(r.url).pathname.startsWith('/v1/'));
    assert.ok(api.length > 0);
    assert.ok(
      requests.every((r) => !r.url.includes(s.key) && !r.url.includes(encodeURIComponent(s.key))),
      'no URL carries the key',
    );
    assert.deepEqual(
      api.filter((r) => r.key !== s.key),
      [],
      'every API call once signed in carries the key',
    );
  });

  it('a webhook posted while Events is open appears there, newest first', async () => {
    await page.getByRole('link', { name: 'Events', exact: true }).click();
    await heading('Events').waitFor();
    await page.getByText('No trigger instance yet.').waitFor();
    const res = await fetch(`${s.base}/api/v1/webhooks/greet`, {
      method: 'POST',
      headers: { 'St2-Api-Key': s.key, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'world', token: 'tkn' }),
    });
    assert.equal(res.status, 202);
    instanceId = await eventually(async () => {
      const list = (await s.api('/v1/triggerinstances?limit=1')).body as Array<{ id: string }>;
      return list[0]?.id;
    }, 'the stored instance');
    const row = page.locator(`tr[data-id="${instanceId}"]`);
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /greet/);
    await row.getByText('processed').waitFor();
    await screenshot(page, 'events');
  });

  it('the instance opens to its payload, enforcements and executions', async () => {
    await page.getByRole('link', { name: instanceId }).click();
    await heading(`Trigger instance ${instanceId}`).waitFor();
    assert.match((await page.getByLabel('Payload body').textContent()) ?? '', /"name": "world"/);
    const enforcements = page.getByRole('table', { name: 'Rule enforcements' });
    await enforcements.getByText('demo.greet').waitFor();
    await page.getByRole('link', { name: 'demo.hello' }).waitFor();
    await screenshot(page, 'event');
  });

  it('"Why not?" names the criterion that failed for the rule that did not match', async () => {
    await page.getByRole('link', { name: /Why not\?/ }).click();
    await heading('Why not?').waitFor();
    const shout = page.locator('article[data-rule="demo.shout"]');
    await shout.waitFor();
    assert.match((await shout.locator('h2').textContent()) ?? '', /demo\.shout does not match/);
    const failing = shout.locator('tr.fail');
    assert.equal(await failing.count(), 1);
    assert.equal(await failing.getAttribute('data-key'), 'trigger.body.loud');
    assert.match((await failing.textContent()) ?? '', /None \(missing\).*equals.*True.*FAIL/);
    const greet = page.locator('article[data-rule="demo.greet"]');
    assert.match((await greet.locator('h2').textContent()) ?? '', /demo\.greet matches/);
    assert.match((await greet.getByLabel('Parameters of demo.hello').textContent()) ?? '', /"token": "\*{8}"/);
    await screenshot(page, 'why-not');
    // One rule only, chosen with the select.
    await page.getByRole('combobox', { name: 'Rule' }).selectOption('demo.shout');
    // (No waitForFunction: a string evaluated in the page is refused by the console's CSP, as it should be.)
    await greet.waitFor({ state: 'detached' });
    await shout.waitFor();
    assert.equal(await page.locator('article.rule').count(), 1);
    assert.match(page.url(), /[?&]rule=demo\.shout\b/);
  });

  it('the execution shows its stdout, and a re-run runs it again with the same (secret) parameters', async () => {
    await page.goto(`${s.base}/console/#/events/${instanceId}`);
    await page.getByRole('link', { name: 'demo.hello' }).click();
    executionId = decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '');
    await heading(`Execution ${executionId}`).waitFor();
    await page.getByTestId('stdout').filter({ hasText: 'hello world tkn' }).waitFor();
    assert.match((await page.getByLabel('Parameters (secrets masked)').textContent()) ?? '', /"token": "\*{8}"/);
    assert.equal((await page.getByTestId('status').textContent())?.trim(), 'succeeded');
    const facts = (await page.locator('dl.facts').textContent()) ?? '';
    assert.match(facts, /Ruledemo\.greet/);
    assert.match(facts, /Enforcement[0-9a-f]{24}/);
    assert.match(facts, /Took\d/);
    await page.getByRole('link', { name: instanceId }).waitFor();
    await screenshot(page, 'execution');
    await page.getByRole('button', { name: /Re-run/ }).click();
    await page.waitForURL((url) => url.hash.startsWith('#/executions/') && !url.hash.endsWith(executionId));
    await page.getByRole('link', { name: executionId }).waitFor();
    await page.getByTestId('stdout').filter({ hasText: 'hello world tkn' }).waitFor();
  });

  it('a rule file broken under --watch shows its diagnostic on the Overview, linked to the code', async () => {
    const file = join(s.packs, 'demo', 'rules', 'greet.yaml');
    await writeFile(file, GREET_RULE.replace('type: equals', 'type: equalz'));
    await page.getByRole('link', { name: 'Overview' }).click();
    await heading('Overview').waitFor();
    const diagnostic = page.locator('li.diag').filter({ hasText: 'RULES_E_CRITERIA_UNKNOWN_OPERATOR' });
    await diagnostic.waitFor({ timeout: 60_000 });
    assert.match(
      (await diagnostic.textContent()) ?? '',
      /greet\.yaml:\d+:\d+ error RULES_E_CRITERIA_UNKNOWN_OPERATOR .*equalz/,
    );
    assert.equal(await page.getByTestId('received').textContent(), '1');
    await screenshot(page, 'overview-diagnostic');
    await diagnostic.getByRole('link', { name: 'RULES_E_CRITERIA_UNKNOWN_OPERATOR' }).click();
    await page.waitForURL(/\/console\/errors#rules_e_criteria_unknown_operator$/);
    await page.locator('#rules_e_criteria_unknown_operator').waitFor();
  });

  it('the Overview gives a curl line per webhook url that works as printed, and counts the last hour', async () => {
    await page.goto(`${s.base}/console/#/overview`);
    const line = (await page.locator('ul.hooks li').filter({ hasText: 'greet' }).locator('code').textContent()) ?? '';
    assert.ok(!line.includes(s.key), 'the key is not in the page');
    // The shell reads the line as printed; a `curl` function stands in to show the words it would get.
    const words = execFileSync('sh', ['-c', `curl() { printf '%s\\n' "$@"; }; ${line}`], {
      env: { PATH: process.env['PATH'] ?? '', ST2_API_KEY: s.key },
      encoding: 'utf8',
    }).split('\n');
    assert.deepEqual(words.slice(0, -1), [
      '-X',
      'POST',
      `${s.base}/api/v1/webhooks/greet`,
      '-H',
      `St2-Api-Key: ${s.key}`,
      '-H',
      'Content-Type: application/json',
      '--data',
      '{}',
    ]);
    const posted = await fetch(words[2]!, {
      method: 'POST',
      headers: { 'St2-Api-Key': s.key, 'Content-Type': 'application/json' },
      body: words[8]!,
    });
    assert.equal(posted.status, 202);
    // Two received (the one above and this one), one matched, the execution and its re-run succeeded.
    await page.getByTestId('received').filter({ hasText: /^2$/ }).waitFor();
    assert.equal(await page.getByTestId('matched').textContent(), '1');
    const counts = (await page.locator('dl.counts').textContent()) ?? '';
    assert.match(counts, /Executions succeeded2/);
  });

  it('Events filters by url, trigger and status, newest first', async () => {
    const gate = await fetch(`${s.base}/api/v1/webhooks/gate`, {
      method: 'POST',
      headers: { 'St2-Api-Key': s.key, 'Content-Type': 'application/json' },
      body: JSON.stringify({ password: 'wrong' }),
    });
    assert.equal(gate.status, 202);
    const list = await eventually(async () => {
      const body = (await s.api('/v1/triggerinstances?limit=10')).body as Array<{ id: string; trigger: string }>;
      return body.length === 3 ? body : undefined;
    }, 'three stored instances');
    const [gateInstance] = list;
    await page.goto(`${s.base}/console/#/events`);
    const rows = page.locator('tbody tr');
    const rowIds = async () => Promise.all((await rows.all()).map((row) => row.getAttribute('data-id')));
    await page.locator(`tr[data-id="${gateInstance!.id}"]`).waitFor();
    assert.deepEqual(
      await rowIds(),
      list.map((ti) => ti.id),
      'newest first',
    );
    assert.match((await rows.first().textContent()) ?? '', /gate/);
    await page.getByRole('combobox', { name: 'Url' }).selectOption('greet');
    await page.locator(`tr[data-id="${gateInstance!.id}"]`).waitFor({ state: 'detached' });
    assert.equal(await rows.count(), 2);
    assert.match(page.url(), /[?&]url=greet\b/);
    await page.getByRole('combobox', { name: 'Status' }).selectOption('processing_failed');
    await page.getByText('No trigger instance matches the filters.').waitFor();
    await page.goto(`${s.base}/console/#/events`);
    await rows.nth(2).waitFor();
    const trigger = page.getByRole('searchbox', { name: 'Trigger' });
    await trigger.fill(gateInstance!.trigger);
    await trigger.press('Tab');
    await page.locator(`tr[data-id="${instanceId}"]`).waitFor({ state: 'detached' });
    assert.deepEqual(await rowIds(), [gateInstance!.id]);
    await screenshot(page, 'events-filtered');
  });

  it('works from the keyboard alone', async () => {
    await page.goto(`${s.base}/console/#/overview`);
    await heading('Overview').waitFor();
    let reached = false;
    for (let i = 0; i < 10 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await page.evaluate('document.activeElement?.textContent')) === 'Executions';
    }
    assert.ok(reached, 'Tab reaches the Executions link');
    await page.keyboard.press('Enter');
    await heading('Executions').waitFor();
    await page.locator('tbody tr').first().waitFor();
    assert.equal(await page.locator('tbody tr').count(), 2);
    await screenshot(page, 'executions');
  });

  it('is readable in a narrow window: nothing wider than the screen', async () => {
    await page.setViewportSize({ width: 360, height: 780 });
    for (const route of ['#/overview', '#/events', `#/why/${instanceId}`, `#/executions/${executionId}`]) {
      await page.goto(`${s.base}/console/${route}`);
      await page.locator('main h1').waitFor();
      await page.waitForLoadState('networkidle');
      const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
      assert.ok(overflow <= 0, `${route} is ${overflow}px wider than the window`);
    }
    await screenshot(page, 'narrow-execution');
  });

  it('loaded nothing from anywhere but its own server (no CDN: it works without network access)', () => {
    const origin = new URL(s.base).origin;
    const elsewhere = requests.filter((r) => !r.url.startsWith('data:') && new URL(r.url).origin !== origin);
    assert.ok(requests.length > 20, `only ${requests.length} requests recorded`);
    assert.deepEqual(
      elsewhere.map((r) => r.url),
      [],
    );
  });

  it('signing out forgets the key', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    assert.equal(await page.evaluate('sessionStorage.length'), 0);
  });

  it('a key revoked while the console is open brings the login back, and the key is forgotten', async () => {
    const store = openStore(s.storePath);
    try {
      const { key, record } = await store.apiKeys.create('revoked-later');
      await page.setViewportSize({ width: 1200, height: 860 });
      await page.goto(`${s.base}/console/#/events`);
      await page.getByLabel('API key').fill(key);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await heading('Events').waitFor();
      assert.equal(await store.apiKeys.setEnabled(record.id, false), true);
      // The live list polls every 2 s: its next call is refused and the form comes back with the reason.
      await page.getByRole('alert').filter({ hasText: 'Signed out' }).waitFor();
      await page.getByLabel('API key').waitFor();
      assert.equal(await page.evaluate('sessionStorage.length'), 0);
    } finally {
      await store.close();
    }
  });

  it('with --no-auth there is no login, and the header says auth is off', async () => {
    const open = await startConsoleServer({ auth: false });
    try {
      await page.goto(`${open.base}/console/`);
      await heading('Overview').waitFor();
      await page.getByText('auth off').waitFor();
      assert.equal(await page.getByLabel('API key').count(), 0);
      assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0);
    } finally {
      await open.close();
    }
  });
});
