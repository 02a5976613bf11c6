// The store contract every backend implements (embedded SQLite, PostgreSQL for several nodes). Everything that
// reads or must be durable is async, so a networked database fits the same shape as the embedded one; the
// engine's bookkeeping writes are fire-and-forget and ride in the next group commit, with `durable()` as the
// barrier before anything irreversible (starting an action, answering 202).
import type { TriggerInstanceFilter, TriggerInstanceRecord, TriggerInstanceStatus } from './trigger-instances.ts';
import type { ApiKeyRecord } from './api-keys.ts';
import type { TokenRecord } from './tokens.ts';
import type { ExecutionFilter, ExecutionRecord } from './executions.ts';
import type { EnforcementFilter, EnforcementRecord } from './enforcements.ts';
import type { KvKey, KvRecord, KvScope } from './kv.ts';
import type { DeliveryRecord } from './deliveries.ts';
import type { ActivityCounts } from './activity.ts';

export type StoreKind = 'sqlite' | 'postgres';

export interface TriggerInstanceStore {
  /** Fire-and-forget: joins the next group commit. */
  setStatus(id: string, status: TriggerInstanceStatus): void;
  /** Sees every write queued before the call. */
  get(id: string): Promise<TriggerInstanceRecord | undefined>;
  /** Newest first. */
  list(
    filter?: TriggerInstanceFilter & { since?: string; triggers?: readonly string[] },
  ): Promise<TriggerInstanceRecord[]>;
}

export interface ExecutionStore {
  /**
   * Fire-and-forget: joins the next group commit; the row is owned by this node. The record is handed over:
   * a backend may serialise it any time until that batch is written (SQLite does so at the end, so the states
   * of one batch cost one JSON), so a caller that changes it afterwards calls update() again, as the engine does.
   */
  insert(record: ExecutionRecord): void;
  /** Fire-and-forget, handed over as insert(): replaces the stored record (status transitions, result). */
  update(record: ExecutionRecord): void;
  get(id: string): Promise<ExecutionRecord | undefined>;
  /** Newest first. */
  list(filter?: ExecutionFilter): Promise<ExecutionRecord[]>;
}

export interface EnforcementStore {
  /** Fire-and-forget (snapshot taken at once). UNIQUE (trigger instance, rule): a second one is dropped and reported. */
  insert(record: EnforcementRecord): void;
  get(id: string): Promise<EnforcementRecord | undefined>;
  /** Newest first. */
  list(filter?: EnforcementFilter): Promise<EnforcementRecord[]>;
}

export interface ApiKeyStore {
  /** Creates a key for `user`; the plain key is returned once and never stored. */
  create(user: string, metadata?: Record<string, unknown>): Promise<{ key: string; record: ApiKeyRecord }>;
  /** Stores a hash exported from StackStorm (or made with hashApiKey). */
  importHash(keyHash: string, user: string, enabled?: boolean): Promise<ApiKeyRecord>;
  getByHash(keyHash: string): Promise<ApiKeyRecord | undefined>;
  get(idOrHash: string): Promise<ApiKeyRecord | undefined>;
  list(): Promise<ApiKeyRecord[]>;
  setEnabled(id: string, enabled: boolean): Promise<boolean>;
  delete(id: string): Promise<boolean>;
  count(): Promise<number>;
}

export interface TokenStore {
  /** A new token (uuid4 hex, as st2auth makes them) or the given one, valid for `ttlSeconds`. */
  create(input: { user: string; ttlSeconds?: number; token?: string; now?: number }): Promise<TokenRecord>;
  get(token: string): Promise<TokenRecord | undefined>;
  delete(token: string): Promise<boolean>;
}

export interface KvStore {
  /** Creates or replaces; `ttlSeconds` sets the expiry from `now`. */
  set(input: {
    name: string;
    value: string;
    scope?: KvScope;
    user?: string;
    secret?: boolean;
    ttlSeconds?: number;
    now?: number;
  }): Promise<KvRecord>;
  get(name: string, key?: KvKey & { now?: number }): Promise<KvRecord | undefined>;
  list(filter?: { scope?: KvScope; user?: string; now?: number }): Promise<KvRecord[]>;
  delete(name: string, key?: KvKey): Promise<boolean>;
  /** `{ system: {name: value}, user: {name: value} }` for templates (`st2kv.system.k`, `st2kv.user.k`). */
  snapshot(user?: string, now?: number): Promise<{ system: Record<string, unknown>; user: Record<string, unknown> }>;
}

export interface DeliveryStore {
  /** The delivery accepted at or after `since` (epoch ms), if any. */
  find(hook: string, deliveryId: string, since: number): Promise<DeliveryRecord | undefined>;
  /** Records (or, for an id older than the window, replaces) a delivery. */
  record(record: DeliveryRecord): Promise<void>;
  /** Drops deliveries received before `before` (epoch ms); returns how many. */
  prune(before: number): Promise<number>;
}

/**
 * Work ownership (issue 8). Every unfinished trigger instance (`pending`/`processing`) and in-flight execution
 * (`requested`/`scheduled`/`running`) has an owner node and a lease end (epoch ms). The node that accepts or
 * starts work owns it and renews its leases while alive; a node that dies stops renewing, and another node claims
 * the expired work (PostgreSQL: `FOR UPDATE SKIP LOCKED`, so two nodes never claim the same row).
 */
export interface WorkClaims {
  /** This process's node id (random per process unless configured). */
  readonly nodeId: string;
  /** Lease length in ms given to work this node takes. */
  readonly leaseMs: number;
  /** Extends this node's leases on all its unfinished work to now + leaseMs. */
  renew(): Promise<void>;
  /**
   * Takes up to `limit` unfinished trigger instances whose lease has expired (with `all`: every unfinished one,
   * whatever its lease: single-node recovery on start), oldest first, and makes this node their owner.
   */
  claimInstances(options: { limit: number; all?: boolean }): Promise<TriggerInstanceRecord[]>;
  /** The same for in-flight executions (recovery marks them abandoned, or retries them when declared safe). */
  claimExecutions(options: { limit: number; all?: boolean }): Promise<ExecutionRecord[]>;
  /** Whether any enforcement of this trigger instance is committed ("already enforced": never run twice). */
  hasEnforcements(triggerInstanceId: string): Promise<boolean>;
}

export interface Store {
  readonly kind: StoreKind;
  /** File path, `:memory:`, or the database url with its password masked. */
  readonly location: string;
  readonly triggerInstances: TriggerInstanceStore;
  readonly executions: ExecutionStore;
  readonly enforcements: EnforcementStore;
  readonly apiKeys: ApiKeyStore;
  readonly tokens: TokenStore;
  /** StackStorm's key-value datastore (st2kv). */
  readonly kv: KvStore;
  /** Accepted webhook delivery ids (dedupe). */
  readonly deliveries: DeliveryStore;
  readonly claims: WorkClaims;
  /**
   * Durable accept: resolves once `records` (status `pending`, owned by this node) are committed. Concurrent
   * calls share one transaction (group commit). Rejects when the store refuses writes: the caller answers 503.
   */
  commit(records: readonly TriggerInstanceRecord[]): Promise<void>;
  /** Resolves once every write queued before the call is committed; rejects if that commit failed. */
  durable(): Promise<void>;
  /** Deletes at most `batch` trigger instances, enforcements and executions older than `cutoff` (ISO, as stored). */
  prune(cutoff: string, batch: number): Promise<number>;
  /** What was received, enforced and run at or after `sinceMs` (epoch ms), for the console; sees queued writes. */
  activity(sinceMs: number): Promise<ActivityCounts>;
  /** Commits what is queued, then closes connections (and the writer thread). */
  close(): Promise<void>;
}
