// The uniform shape of a runner: one file per runner under runners/, each exporting one RunnerDefinition.
import type { ActionModel } from '../model/index.ts';

/** Final execution statuses a runner can end in (StackStorm's liveaction statuses). */
export type RunStatus = 'succeeded' | 'failed' | 'timeout' | 'canceled';

export interface RunInput {
  action: ActionModel;
  /** Action and runner parameters after rendering, casting and defaults (StackStorm merges them). */
  parameters: Record<string, unknown>;
  /** The execution context (rule, trigger instance, trace tag, user, pack). */
  context: Record<string, unknown>;
  executionId: string;
  /** Cap on each captured stream (stdout, stderr, body), in bytes. */
  maxOutputBytes: number;
  /** Aborted when the execution is canceled (runtime shutdown). */
  signal?: AbortSignal;
  /** The pack's config as actions see it (`self.config`): schema defaults filled, st2kv values rendered. */
  config?: Record<string, unknown>;
  /** What the runtime offers runners beyond the process: datastore, auth tokens, its API url, virtualenvs. */
  services?: ActionServices;
  /** The execution's log: the runtime's logger with this execution's id bound. */
  log?: (fields: Record<string, unknown>, message: string) => void;
}

/** One datastore item as the runtime's store holds it (the store's KvRecord has this shape). */
export interface ActionKvRecord {
  name: string;
  value: string;
  secret: boolean;
  expire_timestamp?: string;
}

/** The datastore (`rules key`) as runners reach it: the system scope is the one StackStorm lets actions use. */
export interface ActionDatastore {
  get(name: string, key?: { scope?: 'system' }): Promise<ActionKvRecord | undefined>;
  set(input: {
    name: string;
    value: string;
    scope?: 'system';
    secret?: boolean;
    ttlSeconds?: number;
  }): Promise<ActionKvRecord>;
  delete(name: string, key?: { scope?: 'system' }): Promise<boolean>;
  list(filter?: { scope?: 'system' }): Promise<ActionKvRecord[]>;
}

export interface ActionServices {
  datastore?: ActionDatastore;
  /** A token for the action's `ST2_ACTION_AUTH_TOKEN`, valid `ttlSeconds`; the runner revokes it when the run ends. */
  issueToken?(user: string, ttlSeconds: number): Promise<{ token: string; revoke(): Promise<void> }>;
  /** The runtime's API url for `ST2_ACTION_API_URL` (`http://host:port/v1`), once the server listens. */
  apiUrl?(): string | undefined;
  /** Folder holding one virtualenv per pack (`rules pack setup`): `<virtualenvs>/<pack>`. */
  virtualenvs?: string;
  /**
   * Interpreter for packs without a virtualenv (default `python3` from PATH), or a function resolving it on first
   * use (`rules serve` resolves a PATH command to its real executable then, not at start).
   */
  python?: string | (() => Promise<string>);
}

export interface RunOutcome {
  status: RunStatus;
  /** StackStorm's result shape for this runner (e.g. stdout/stderr/return_code/succeeded/failed). */
  result: Record<string, unknown>;
}

export interface RunnerDefinition {
  /** Runner type name as actions reference it (`runner_type`). */
  name: string;
  /** Names of the runner's own parameters: everything else is an action parameter (script arguments). */
  runnerParameters: readonly string[];
  /** Default timeout in seconds when the `timeout` parameter is not set. */
  defaultTimeout: number;
  /**
   * `false` for a runner that changes nothing outside this process (noop): a run cut short by a crash leaves
   * nothing behind, so the engine starts it without first making `running` durable, and a run that ends in
   * the same turn costs one execution write (the store folds its statuses). Default: it has side effects.
   */
  sideEffects?: false;
  run(input: RunInput): Promise<RunOutcome>;
}
