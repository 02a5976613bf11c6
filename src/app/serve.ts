// `rules serve` as a function: compile the packs, open the store, serve StackStorm's webhook API, hand trigger
// instances to the enforcement engine; recovery, leases, retention, hot reload and shutdown around it.
// Configuration: flags > environment (RULES_*) > config file > defaults (resolveServeOptions).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { UsageError } from './errors.ts';
import {
  normaliseStoreLocation,
  openAnyStore,
  syncMode,
  DEFAULT_RETENTION_MS,
  parseRetention,
  startRetention,
} from '../store/index.ts';
import { recoverOnStart, createEngine } from '../enforce/index.ts';
import type { Store } from '../store/index.ts';
import {
  createLogger,
  createMatchingProcessor,
  createServer,
  datastoreProvider,
  resolveLimits,
  serverMetrics,
  readHtpasswd,
} from '../runtime/index.ts';
import type { ServerLimits } from '../runtime/index.ts';
import type { TriggerProcessor, RuleSet } from '../model/index.ts';
import { compileRuleSet, formatDiagnostics, packRoots, runnerSchemas } from './ruleset.ts';
import { startServeWatch } from '../watch/index.ts';
import type { Htpasswd, Logger } from '../runtime/index.ts';
import { lazyPython } from '../actions/index.ts';
import type { ActionServices } from '../actions/index.ts';
import { consoleRoutes } from '../console/index.ts';
import { DEFAULT_STORE, virtualenvsDirectory } from './data-dir.ts';
import { testRule } from './rule-tester.ts';

import { DEFAULT_HOST, DEFAULT_PORT } from '../model/index.ts';

export { DEFAULT_HOST, DEFAULT_PORT, DEFAULT_STORE };

/** The settings as given on a command line (strings, unparsed); resolveServeOptions checks them. */
export interface ServeFlags {
  packs?: string[];
  port?: string;
  host?: string;
  config?: string;
  store?: string;
  data?: string;
  auth: boolean;
  watch?: boolean;
  production?: boolean;
  htpasswd?: string;
  retention?: string;
  nodeId?: string;
  lease?: string;
  /** The limits of src/runtime/limits.ts, by commander's name of their flag (bodyTimeout, maxConnections...). */
  [limit: string]: unknown;
}

/** The config file (`--config`, YAML or JSON); every key optional. */
export interface ServeConfig {
  port?: number;
  host?: string;
  packs?: string[];
  store?: string;
  bodyLimit?: number;
  production?: boolean;
  allowOrigins?: string[];
  validateTriggerPayload?: boolean;
  /** Issue 8: age after which records are pruned (`30d`, `12h`, seconds; `0` keeps forever). */
  retention?: string | number;
  auth?: { enabled?: boolean; cookieSecure?: boolean; htpasswd?: string; tokenTtl?: number };
  /** The limits of src/runtime/limits.ts by their config key (bodyTimeout, headersTimeout, maxConnections...). */
  [limit: string]: unknown;
  /** Issue 14: packs installed in StackStorm besides the pack roots (read by `rules compile --config`). */
  installedPacks?: string[];
}

export interface ResolvedServeOptions {
  port: number;
  host: string;
  packs: string[] | undefined;
  store: string;
  auth: boolean;
  production: boolean;
  watch: boolean;
  /** htpasswd file for POST /auth/v1/tokens (absent: tokens only from `rules token create`). */
  htpasswd: string | undefined;
  /** Milliseconds; 0 = keep forever. */
  retentionMs: number;
  /** Work ownership (issue 8): this node's id (default random per process) and its lease length in ms. */
  nodeId: string | undefined;
  leaseMs: number | undefined;
  /** HTTP timeouts, connection cap, unverified-body budget. */
  limits: ServerLimits;
  /** Where `rules pack setup` puts one virtualenv per pack (`<data>/virtualenvs`). */
  virtualenvs: string;
  config: ServeConfig;
}

function readConfig(path: string | undefined): ServeConfig {
  // The file is the operator's own: its keys are trusted like flags, only its top-level shape is checked.
  if (path === undefined) return {};
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read config file ${path}: ${(error as Error).message}`);
  }
  const value = parseYaml(text) as unknown;
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw new UsageError(`config file ${path} must hold a mapping`);
  return value as ServeConfig;
}

function parsePort(value: string, from: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new UsageError(`${from}: not a port number: ${value}`);
  return Number(value);
}

function retentionMs(text: string | undefined): number {
  if (text === undefined) return DEFAULT_RETENTION_MS;
  const ms = parseRetention(text);
  if (ms === undefined) throw new UsageError(`--retention: not an age like 30d, 12h or 0: ${text}`);
  return ms;
}

function leaseMs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseRetention(text);
  if (ms === undefined || ms < 1000) throw new UsageError(`--lease: not an age of at least 1s like 30s or 2m: ${text}`);
  return ms;
}

/** Merges flags, environment and config file. */
export function resolveServeOptions(flags: ServeFlags, env: NodeJS.ProcessEnv = process.env): ResolvedServeOptions {
  const config = readConfig(flags.config ?? env['RULES_CONFIG']);
  const port =
    flags.port !== undefined
      ? parsePort(flags.port, '--port')
      : env['RULES_PORT'] !== undefined
        ? parsePort(env['RULES_PORT'], 'RULES_PORT')
        : (config.port ?? DEFAULT_PORT);
  const dataStore = flags.data !== undefined ? join(flags.data, 'rules.db') : undefined;
  const authOff = !flags.auth || env['RULES_AUTH'] === 'off' || config.auth?.enabled === false;
  return {
    port,
    host: flags.host ?? env['RULES_HOST'] ?? config.host ?? DEFAULT_HOST,
    packs: flags.packs ?? config.packs,
    store: normaliseStoreLocation(flags.store ?? dataStore ?? env['RULES_STORE'] ?? config.store ?? DEFAULT_STORE),
    auth: !authOff,
    production: flags.production === true || env['RULES_PRODUCTION'] === '1' || config.production === true,
    watch: flags.watch === true,
    htpasswd: flags.htpasswd ?? env['RULES_HTPASSWD'] ?? config.auth?.htpasswd,
    nodeId: flags.nodeId ?? env['RULES_NODE_ID'],
    leaseMs: leaseMs(flags.lease ?? env['RULES_LEASE']),
    virtualenvs: virtualenvsDirectory({ ...flags, store: flags.store ?? config.store }, env),
    retentionMs: retentionMs(
      flags.retention ??
        env['RULES_RETENTION'] ??
        (config.retention !== undefined ? String(config.retention) : undefined),
    ),
    limits: serverLimits(flags, env, config),
    config,
  };
}

function serverLimits(flags: ServeFlags, env: NodeJS.ProcessEnv, config: ServeConfig): ServerLimits {
  try {
    return resolveLimits(flags, env, config);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Reads the htpasswd file once at start; entries in schemes we cannot verify are named in the log. */
function loadHtpasswd(path: string, logger: Logger): Htpasswd {
  let htpasswd: Htpasswd;
  try {
    htpasswd = readHtpasswd(resolve(path));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (htpasswd.unsupported.length > 0)
    logger.warn(
      { users: htpasswd.unsupported },
      'htpasswd entries in an unsupported scheme (use htpasswd -B for bcrypt) are ignored',
    );
  return htpasswd;
}

/** On a fresh store with auth on: create a first key and show how to use it (the key is printed only now). */
async function firstStartKey(store: Store, ruleSet: RuleSet, base: string): Promise<void> {
  if ((await store.apiKeys.count()) > 0) return;
  const { key } = await store.apiKeys.create('admin', { created_by: 'rules serve (first start)' });
  const hook = ruleSet.webhooks.keys().next().value ?? 'sample';
  process.stderr.write(
    `\nrules: no API key in ${store.location}; created one (shown only now, store it safely):\n\n  ${key}\n\n` +
      `  curl -X POST ${base}/api/v1/webhooks/${hook} -H "St2-Api-Key: ${key}" -H "Content-Type: application/json" --data '{"key1": "value1"}'\n\n` +
      `  More keys: rules apikey create --store ${store.location}; list them: rules apikey list\n\n`,
  );
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
  /** For the watch stage (hot reload): the next request sees `next`. */
  setRuleSet(next: RuleSet): void;
}

export async function serve(options: ResolvedServeOptions): Promise<RunningServer> {
  const logger = createLogger({ level: process.env['RULES_LOG_LEVEL'] ?? 'info' });
  const roots = packRoots(options.packs);
  const { ruleSet: initial, output } = await compileRuleSet(roots, 1, options.limits.maxFileBytes);
  const errors = output.diagnostics.filter((d) => d.severity === 'error');
  if (output.diagnostics.length > 0) process.stderr.write(formatDiagnostics(output.diagnostics));
  logger.info(
    {
      packs: output.packs.length,
      rules: output.rules.length,
      errors: errors.length,
      roots,
      ms: Math.round(output.durationMs),
    },
    'packs compiled',
  );
  let current = initial;
  const ruleSet = (): RuleSet => current;

  const store = await openAnyStore(options.store, {
    ...(options.nodeId !== undefined ? { nodeId: options.nodeId } : {}),
    ...(options.leaseMs !== undefined ? { leaseMs: options.leaseMs } : {}),
  });
  // Known once the server listens (port 0 picks one): executions started before then get no ST2_ACTION_API_URL.
  const api: { url?: string } = {};
  // Python actions: the store's datastore for self.action_service, a token per execution, the interpreter
  // (RULES_PYTHON or python3, resolved to its real executable on first use, not at start) and the packs' virtualenvs.
  const actionServices: ActionServices = {
    datastore: store.kv,
    issueToken: async (user, ttlSeconds) => {
      const record = await store.tokens.create({ user, ttlSeconds });
      return { token: record.token, revoke: async () => void (await store.tokens.delete(record.token)) };
    },
    apiUrl: () => api.url,
    virtualenvs: options.virtualenvs,
    python: lazyPython(process.env['RULES_PYTHON'] ?? 'python3'),
  };
  const engine = createEngine({
    ruleSet,
    store: {
      executions: store.executions,
      enforcements: store.enforcements,
      setTriggerInstanceStatus: (id, status) => store.triggerInstances.setStatus(id, status),
      // Issue 8: a batch's actions start only once its enforcements are on disk (awaited, never blocking).
      durable: () => store.durable(),
    },
    runnerSchemas: runnerSchemas(),
    logger,
    // `st2kv.system.k` in parameters and criteria: the store's keys, read once per batch of trigger instances.
    datastore: datastoreProvider(store.kv),
    actionServices,
  });
  // RULES_ENGINE=off: match and record status only, run no action (benchmarks, dry runs).
  const matchOnly =
    process.env['RULES_ENGINE'] === 'off'
      ? createMatchingProcessor({ ruleSet, triggerInstances: store.triggerInstances, logger })
      : undefined;
  const processor: TriggerProcessor = matchOnly ?? engine;
  if (store.kind === 'sqlite' && syncMode() !== 'FULL') {
    process.stderr.write(
      `\nrules: WARNING: RULES_STORE_SYNC=${syncMode().toLowerCase()}: a 202 no longer means the webhook survives a power loss${syncMode() === 'OFF' ? ' or an OS crash' : ''}.\n\n`,
    );
  }
  if (!options.auth) {
    process.stderr.write(
      '\nrules: WARNING: authentication is DISABLED (--no-auth): anyone who can reach this port can fire your rules.\n\n',
    );
  }
  const app = await createServer({
    ruleSet,
    store,
    processor,
    auth: { enabled: options.auth, cookieSecure: options.config.auth?.cookieSecure ?? true },
    bodyLimit: options.config.bodyLimit,
    limits: options.limits,
    logger,
    textPlainAsJson: !options.production,
    allowOrigins: options.config.allowOrigins,
    validateTriggerPayload: options.config.validateTriggerPayload,
    tokens: {
      ...(options.htpasswd !== undefined ? { htpasswd: loadHtpasswd(options.htpasswd, logger) } : {}),
      ...(options.config.auth?.tokenTtl !== undefined ? { maxTtl: options.config.auth.tokenTtl } : {}),
    },
    // The web console (issue 19) at /console/, on the same port and behind the same auth as the API.
    routes: [
      consoleRoutes({
        tester: testRule,
        runnerSchemas: runnerSchemas(),
        ...(matchOnly ? {} : { reRun: engine.reRun }),
      }),
    ],
  });
  const url = await app.listen({ port: options.port, host: options.host });
  // Issue 8: resubmit what a killed process left unprocessed; in-flight executions become `abandoned`. SQLite has
  // one node, so everything unfinished is ours; on PostgreSQL other live nodes own theirs: take only expired work.
  const single = store.kind === 'sqlite';
  // Actions tagged retry_on_abandon run again; only the engine can run them (RULES_ENGINE=off just abandons).
  const recovery = { store, processor, ruleSet, ...(processor === engine ? { retry: engine.retry } : {}) };
  const recovered = await recoverOnStart(recovery, { all: single });
  // Issue 8: this node keeps the leases of the work it holds while it is alive, and (several nodes) takes over the
  // work of a node that stopped renewing.
  const renewal = setInterval(
    () => {
      void (async () => {
        await store.claims.renew();
        if (single) return;
        const taken = await recoverOnStart(recovery, { all: false, limit: 500 });
        if (taken.resubmitted + taken.abandoned + taken.alreadyEnforced + taken.retried > 0)
          logger.info({ ...taken }, 'took over the work of a stopped node');
      })().catch((err: unknown) => logger.warn({ err }, 'lease renewal or takeover failed'));
    },
    Math.max(1000, store.claims.leaseMs / 3),
  ).unref();
  if (recovered.resubmitted + recovered.abandoned + recovered.alreadyEnforced > 0)
    logger.info({ ...recovered }, 'recovered after restart');
  const stopRetention = startRetention(store, {
    maxAgeMs: options.retentionMs,
    onError: (err) => logger.warn({ err }, 'retention prune failed'),
  });
  const base = url.replace('0.0.0.0', '127.0.0.1');
  api.url = `${base}/v1`;
  if (options.auth) await firstStartKey(store, current, base);
  // --watch (issue 7, src/watch): recompile on change and swap the rule set for the next request.
  const hot = options.watch
    ? await startServeWatch({
        roots,
        logger,
        maxFileBytes: options.limits.maxFileBytes,
        registry: serverMetrics(app)?.registry,
        swap: (next) => (current = next),
      })
    : undefined;
  logger.info(
    { url, store: store.location, auth: options.auth, production: options.production, webhooks: current.webhooks.size },
    'serving',
  );
  process.stderr.write(
    `rules: serving ${current.webhooks.size} webhook url(s) on ${base} (store ${store.location}, auth ${options.auth ? 'on' : 'OFF'})\n`,
  );

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      // Stop accepting, let in-flight requests finish (their rows are committed before they answer),
      // then let running matches and actions end, then close the store.
      stopRetention();
      clearInterval(renewal);
      await hot?.close();
      await app.close();
      await Promise.race([engine.idle(), new Promise((r) => setTimeout(r, 10_000).unref())]);
      await engine.close();
      // Unmatched instances stay pending for the next start rather than being written to a closed store.
      matchOnly?.close();
      await store.close();
      logger.info('stopped');
    })());
  return {
    close,
    url: base,
    setRuleSet(next) {
      current = next;
    },
  };
}
