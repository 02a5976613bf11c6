// Issue 14, point 1: every runner type of StackStorm 3.x as data (rules/runners/), with its runner parameters
// exactly as each runner's runner.yaml under StackStorm's contrib/runners/ declares them, and the one list of the
// runner types this runtime executes (rules/executable-runners.yaml) equal to the runner registry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBuiltins } from '../../src/pack/index.ts';
import { runners as registry } from '../../src/actions/index.ts';

// Parameter names per runner, from contrib/runners/<runner>/<runner>/runner.yaml (runner_parameters keys).
const REMOTE = [
  'bastion_host',
  'cwd',
  'dir',
  'env',
  'hosts',
  'kwarg_op',
  'parallel',
  'passphrase',
  'password',
  'port',
  'private_key',
  'sudo',
  'sudo_password',
  'timeout',
  'username',
];
const WINRM = [
  'cwd',
  'env',
  'host',
  'kwarg_op',
  'password',
  'port',
  'scheme',
  'timeout',
  'transport',
  'username',
  'verify_ssl_cert',
];
const LOCAL = ['cwd', 'env', 'kwarg_op', 'sudo', 'sudo_password', 'timeout'];
const st2Runners: Record<string, string[]> = {
  'python-script': ['content_version', 'debug', 'env', 'log_level', 'timeout'],
  orquesta: ['notify'],
  'action-chain': ['display_published', 'skip_notify'],
  'remote-shell-cmd': [...REMOTE, 'cmd'],
  'remote-shell-script': REMOTE,
  'winrm-cmd': [...WINRM, 'cmd'],
  'winrm-ps-cmd': [...WINRM, 'cmd'],
  'winrm-ps-script': WINRM,
  announcement: ['experimental', 'route'],
  inquirer: ['roles', 'route', 'schema', 'ttl', 'users'],
  'http-request': [
    'allow_redirects',
    'cookies',
    'headers',
    'http_proxy',
    'https_proxy',
    'password',
    'url',
    'url_hosts_blacklist',
    'url_hosts_whitelist',
    'username',
    'verify_ssl_cert',
  ],
  'local-shell-cmd': [...LOCAL, 'cmd'],
  'local-shell-script': [...LOCAL, 'content_version', 'debug'],
  noop: [],
};

test('every StackStorm 3.x runner type is defined with exactly its runner parameters', () => {
  const { runners } = loadBuiltins();
  for (const [name, params] of Object.entries(st2Runners)) {
    const runner = runners.get(name);
    assert.ok(runner, `rules/runners/${name}.yaml is missing`);
    assert.equal(runner.name, name);
    assert.deepEqual(Object.keys(runner.parameters).sort(), [...params].sort(), name);
  }
  // The canonical names plus ours (nodejs); the one alias StackStorm 3.x still declares is orquesta's.
  const names = new Set([...runners.values()].map((r) => r.name));
  assert.deepEqual([...names].sort(), [...Object.keys(st2Runners), 'nodejs'].sort());
  assert.deepEqual(
    [...runners.keys()].filter((k) => !names.has(k)),
    ['orchestra'],
  );
});

test('runner parameter attributes the checks rely on are StackStorm’s', () => {
  const { runners } = loadBuiltins();
  const p = (runner: string, param: string) => runners.get(runner)?.parameters[param];
  // remote_runner/runner.yaml: hosts required; dir immutable for the command runner only; parallel immutable.
  assert.equal(p('remote-shell-cmd', 'hosts')?.required, true);
  assert.equal(p('remote-shell-script', 'hosts')?.required, true);
  assert.equal(p('remote-shell-cmd', 'dir')?.immutable, true);
  assert.equal(p('remote-shell-script', 'dir')?.immutable, undefined);
  assert.equal(p('remote-shell-cmd', 'parallel')?.immutable, true);
  assert.equal(p('remote-shell-cmd', 'password')?.secret, true);
  // winrm_runner/runner.yaml: host, username, password required; transport an enum.
  for (const w of ['winrm-cmd', 'winrm-ps-cmd', 'winrm-ps-script']) {
    for (const req of ['host', 'username', 'password']) assert.equal(p(w, req)?.required, true, `${w}.${req}`);
    assert.deepEqual(p(w, 'transport')?.enum, [
      'basic',
      'certificate',
      'credssp',
      'kerberos',
      'ntlm',
      'plaintext',
      'ssl',
    ]);
    assert.equal(p(w, 'kwarg_op')?.default, '-');
  }
  // python_runner/runner.yaml: timeout 600, log_level an enum with default DEBUG.
  assert.equal(p('python-script', 'timeout')?.default, 600);
  assert.equal(p('python-script', 'log_level')?.default, 'DEBUG');
  // inquirer_runner/runner.yaml: schema and ttl required but defaulted; announcement: experimental required.
  assert.equal(p('inquirer', 'ttl')?.default, 1440);
  assert.equal(p('inquirer', 'schema')?.required, true);
  assert.equal(p('announcement', 'experimental')?.required, true);
  assert.equal(p('http-request', 'url')?.required, true);
  assert.equal(p('local-shell-cmd', 'sudo_password')?.default, null);
});

test('the executable runner types are exactly the runners this runtime has', () => {
  const { runners } = loadBuiltins();
  const executable = [...new Set([...runners.values()].filter((r) => r.executable).map((r) => r.name))].sort();
  assert.deepEqual(executable, [...registry.keys()].sort());
  assert.deepEqual(executable, [
    'http-request',
    'local-shell-cmd',
    'local-shell-script',
    'nodejs',
    'noop',
    'python-script',
  ]);
  assert.equal(runners.get('orquesta')?.executable, false);
});

test('runner types StackStorm removed carry the reason and the replacement', () => {
  const { removedRunners, runners } = loadBuiltins();
  assert.match(removedRunners.get('mistral-v2')?.reason ?? '', /3\.3/);
  assert.equal(removedRunners.get('mistral-v2')?.replacement, 'orquesta');
  for (const [name, r] of removedRunners) {
    assert.equal(runners.has(name), false, `${name} is both defined and removed`);
    if (r.replacement) assert.ok(runners.has(r.replacement), `${name} → ${r.replacement} is not a runner`);
  }
});
