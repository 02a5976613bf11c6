// The enforcement engine (spec §5.1): trigger instance → matcher → one enforcement per matching rule →
// rendered, cast and checked parameters → an execution record → a runner under the runtime-wide limit.
import type { ActionModel, ParameterSpec, RuleModel, RuleSet, TriggerEntry } from '../model/index.ts';
import type {
  ExecutionRecord,
  ExecutionStatus,
  EnforcementRecord,
  EnforcementStore,
  ExecutionStore,
} from '../store/index.ts';
import { createLimiter, runAction, runners as builtinRunners, DEFAULT_MAX_OUTPUT_BYTES } from '../actions/index.ts';
import type { ActionServices, Limiter, RunnerDefinition } from '../actions/index.ts';
import { maskSecrets, mergeParameterSpecs } from './schema.ts';
import { renderActionParameters } from './params.ts';
import { finalizeParameters } from './finalize.ts';
import { resolvePackConfig } from './config.ts';
import { DEFAULT_SYSTEM_USER, executionContext, prepareExecution } from './prepare.ts';
import type { ActionRuntime, Datastore, Prepared } from './prepare.ts';
import { objectId, st2Timestamp } from './ids.ts';
import { reRunContext, reRunParameters, reRunRecord } from './re-run.ts';
import type { ReRunOutcome, ReRunRequest } from './re-run.ts';

/** What the runtime hands over (the TriggerProcessor contract of src/runtime/processor.ts). */
export interface TriggerInstanceInput {
  id: string;
  trigger: TriggerEntry | { type: string; ref: string };
  payload: unknown;
  traceTag: string;
  occurrenceTime: string;
}

export type TriggerInstanceStatus = 'pending' | 'processing' | 'processed' | 'processing_failed';

/**
 * The part of the store the engine writes to: a subset of the Store of src/store/types.ts. Writes are
 * fire-and-forget and ride in the store's next group commit (one transaction for everything queued in a turn;
 * a failing write is reported by the store without failing its batch).
 */
export interface EngineStore {
  executions: Pick<ExecutionStore, 'insert' | 'update'>;
  enforcements: Pick<EnforcementStore, 'insert'>;
  /** Trigger instance status updates (`processing` → `processed` | `processing_failed`), when the store keeps instances. */
  setTriggerInstanceStatus?(id: string, status: TriggerInstanceStatus): void;
  /**
   * Resolves once every write queued so far is committed (issue 8). When given, a batch's actions start only
   * after its enforcements are on disk, so recovery after a crash never runs an action a second time; the
   * event loop keeps serving while it waits.
   */
  durable?(): Promise<void>;
}

export interface EngineLogger {
  error(object: object, message: string): void;
  /** The executions' own log lines (which interpreter a Python action runs on, ...). */
  info?(object: object, message: string): void;
}

export interface EngineOptions {
  ruleSet: () => RuleSet;
  store: EngineStore;
  /** Runner type → definition; defaults to the built-in runners. */
  runners?: ReadonlyMap<string, RunnerDefinition>;
  /**
   * Runner type or alias → its canonical name and parameter schema, merged under the action's: the built-in
   * runners of the pack stage (`loadBuiltins().runners`, rules/runners/*.yaml), read by whoever assembles the engine.
   */
  runnerSchemas: ReadonlyMap<string, { name?: string; parameters: Record<string, ParameterSpec> }>;
  /** Runs at once across the runtime; the rest wait in a queue. Default 8. */
  concurrency?: number;
  maxOutputBytes?: number;
  /** StackStorm's `system_user.user`. */
  systemUser?: string;
  /** The st2kv snapshot, read once per batch of trigger instances before matching. */
  datastore?: () => Datastore | Promise<Datastore>;
  logger?: EngineLogger;
  /** What runners may use beyond a process: the datastore for Python actions, auth tokens, the API url. */
  actionServices?: ActionServices;
}

export interface Engine {
  /** TriggerProcessor: queues the instance and returns at once; matching happens asynchronously as in st2. */
  submit(instance: TriggerInstanceInput): void;
  /** Resolves when every submitted instance is processed and every started execution has finished. */
  idle(): Promise<void>;
  /**
   * Runs the action of an execution a stopped process left in flight again (issue 8, actions tagged
   * `retry_on_abandon`): the same rule and trigger instance, parameters rendered afresh from the instance's payload
   * (the stored ones are masked), a new execution whose context has `retry_of`; no second enforcement. Resolves
   * once the new record is queued; the action starts after `durable()`, like a batch's. Never throws. A function
   * property, not a method: serve hands `engine.retry` to recovery on its own.
   */
  readonly retry: (
    previous: ExecutionRecord,
    instance: TriggerInstanceInput,
    options?: { retryCount?: number },
  ) => Promise<RetryOutcome>;
  /**
   * `POST /v1/executions/<id>/re_run` (src/enforce/re-run.ts): a new execution of `previous`'s action with its
   * parameters and the request's; `instance` is the trigger instance `previous` came from, if still stored, to
   * recover secret parameters stored masked. Resolves once the record is queued; the action starts after
   * `durable()`. Never throws.
   */
  readonly reRun: (
    previous: ExecutionRecord,
    request: ReRunRequest,
    instance?: TriggerInstanceInput,
  ) => Promise<ReRunOutcome>;
  /** Cancels running executions (they end `canceled`) and waits for them. */
  close(): Promise<void>;
  readonly limiter: Limiter;
}

/** Trigger instances processed per transaction at most. */
const BATCH = 64;

type EnforceOutcome = { enforcement: EnforcementRecord; execution?: ExecutionRecord };

/** The new execution, or why the action was not run again (the rule or action changed, rendering failed). */
export type RetryOutcome = { execution: ExecutionRecord } | { error: string };

export function createEngine(options: EngineOptions): Engine {
  const runners = options.runners ?? builtinRunners;
  const runnerSchemas = options.runnerSchemas;
  const limiter = createLimiter(options.concurrency ?? 8);
  const maxOutputBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const store = options.store;
  const abort = new AbortController();
  const pending = new Set<Promise<void>>();
  const queue: TriggerInstanceInput[] = [];
  // Action runs of the batch being processed, started once its records are durable; runs of runners without
  // side effects (RunnerDefinition.sideEffects) start as soon as the batch is processed.
  const starts: Array<() => void> = [];
  const freeStarts: Array<() => void> = [];
  let draining = false;

  const track = (promise: Promise<void>): void => {
    pending.add(promise);
    void promise.finally(() => pending.delete(promise));
  };

  function enforcementBase(rule: RuleModel, instance: TriggerInstanceInput): Omit<EnforcementRecord, 'status'> {
    return {
      id: objectId(),
      trigger_instance_id: instance.id,
      rule: { ref: rule.ref, id: rule.uid, uid: rule.uid },
      enforced_at: st2Timestamp(),
    };
  }

  function failEnforcement(
    rule: RuleModel,
    instance: TriggerInstanceInput,
    reason: string,
    executionId?: string,
  ): EnforceOutcome {
    const enforcement: EnforcementRecord = {
      ...enforcementBase(rule, instance),
      status: 'failed',
      failure_reason: reason,
    };
    if (executionId !== undefined) enforcement.execution_id = executionId;
    store.enforcements.insert(enforcement);
    return { enforcement };
  }

  function newExecution(
    rule: RuleModel,
    action: ActionModel,
    instance: TriggerInstanceInput,
    parameters: Record<string, unknown>,
    context: Record<string, unknown>,
    status: ExecutionStatus,
  ): ExecutionRecord {
    const now = st2Timestamp();
    return {
      id: objectId(),
      action: { ref: action.ref, name: action.name, pack: action.pack, runner_type: action.runnerType },
      runner: { name: action.runnerType },
      rule: { ref: rule.ref, id: rule.uid, name: rule.name, pack: rule.pack },
      trigger_instance: { id: instance.id },
      trigger: { ref: instance.trigger.ref, type: instance.trigger.type },
      parameters,
      status,
      start_timestamp: now,
      result: {},
      context,
      log: [{ status, timestamp: now }],
    };
  }

  function finish(execution: ExecutionRecord, status: ExecutionStatus, result: Record<string, unknown>): void {
    // Queued: runs ending in the same turn share the store's next group commit.
    transition(execution, status, result);
  }

  function setStatus(execution: ExecutionRecord, status: ExecutionStatus, result?: Record<string, unknown>): void {
    const now = st2Timestamp();
    execution.status = status;
    execution.log.push({ status, timestamp: now });
    if (result) execution.result = result;
    if (status !== 'requested' && status !== 'scheduled' && status !== 'running') {
      execution.end_timestamp = now;
      execution.elapsed_seconds = (Date.parse(now) - Date.parse(execution.start_timestamp)) / 1000;
    }
  }

  function transition(execution: ExecutionRecord, status: ExecutionStatus, result?: Record<string, unknown>): void {
    setStatus(execution, status, result);
    store.executions.update(execution);
  }

  const actionRuntime: ActionRuntime = { runners, runnerSchemas };
  const prepare = (
    rule: RuleModel,
    instance: TriggerInstanceInput,
    ruleSet: RuleSet,
    actionContext: Record<string, unknown>,
    datastore: Datastore,
  ): Prepared => prepareExecution(rule, instance, ruleSet, actionContext, datastore, actionRuntime);
  const actionContextFor = (
    rule: RuleModel,
    action: { pack: string } | undefined,
    instance: TriggerInstanceInput,
    traceId: string,
  ): Record<string, unknown> =>
    executionContext(rule, action, instance, traceId, options.systemUser ?? DEFAULT_SYSTEM_USER);

  /** The run of a scheduled execution, to call once its records are durable. */
  function runOf(
    execution: ExecutionRecord,
    prepared: Extract<Prepared, { ok: true }>,
    context: Record<string, unknown>,
  ): () => void {
    return () =>
      track(
        runAction(
          prepared.runner,
          {
            action: prepared.action,
            parameters: prepared.parameters,
            context,
            executionId: execution.id,
            maxOutputBytes,
            signal: abort.signal,
            config: prepared.config,
            ...(options.actionServices ? { services: options.actionServices } : {}),
            log: (fields, message) =>
              options.logger?.info?.({ ...fields, execution: execution.id, action: prepared.action.ref }, message),
          },
          limiter,
          // `running` is durable before the process starts, so a stored `requested`/`scheduled` execution has certainly
          // not begun: recovery may start it after a crash. If the store cannot commit, the action does not run.
          () => {
            transition(execution, 'running');
            return prepared.runner.sideEffects === false ? undefined : store.durable?.();
          },
        )
          .then((outcome) => finish(execution, outcome.status, outcome.result))
          .catch((error: unknown) =>
            options.logger?.error({ err: error, execution: execution.id }, 'recording the execution outcome failed'),
          ),
      );
  }

  /** `RuleEnforcer.enforce()` for one matching rule. */
  function enforce(
    rule: RuleModel,
    instance: TriggerInstanceInput,
    ruleSet: RuleSet,
    traceId: string,
    datastore: Datastore,
  ): EnforceOutcome {
    const actionContext = actionContextFor(rule, ruleSet.actions.get(rule.action.ref), instance, traceId);
    const prepared = prepare(rule, instance, ruleSet, actionContext, datastore);
    if (!prepared.ok) {
      if (!prepared.rendered) return failEnforcement(rule, instance, prepared.error);
      const { action, specs } = prepared.rendered;
      const execution = newExecution(
        rule,
        action,
        instance,
        maskSecrets(rule.action.parameters, specs),
        actionContext,
        'requested',
      );
      store.executions.insert(execution);
      transition(execution, 'failed', { error: prepared.error, traceback: '' });
      return { ...failEnforcement(rule, instance, prepared.error, execution.id), execution };
    }
    const execution = newExecution(
      rule,
      prepared.action,
      instance,
      maskSecrets(prepared.parameters, prepared.specs),
      actionContext,
      'requested',
    );
    store.executions.insert(execution);
    const enforcement: EnforcementRecord = {
      ...enforcementBase(rule, instance),
      status: 'succeeded',
      execution_id: execution.id,
    };
    store.enforcements.insert(enforcement);
    transition(execution, 'scheduled');
    (prepared.runner.sideEffects === false ? freeStarts : starts).push(runOf(execution, prepared, actionContext));
    return { enforcement, execution };
  }

  async function retry(
    previous: ExecutionRecord,
    instance: TriggerInstanceInput,
    retryOptions: { retryCount?: number } = {},
  ): Promise<RetryOutcome> {
    try {
      const ruleSet = options.ruleSet();
      const rule = previous.rule ? ruleSet.rules.get(previous.rule.ref) : undefined;
      if (!rule) return { error: `rule "${previous.rule?.ref ?? ''}" is not loaded` };
      if (!rule.enabled) return { error: `rule "${rule.ref}" is disabled` };
      // The rule may have been edited since: running another action would not be a retry.
      if (rule.action.ref !== previous.action.ref) return { error: `rule "${rule.ref}" now runs "${rule.action.ref}"` };
      const datastore = await readDatastore('retrying');
      // The original trace: the retry belongs to the same chain of events.
      const trace = previous.context['trace_context'] as { id_?: unknown } | undefined;
      const traceId = typeof trace?.id_ === 'string' ? trace.id_ : objectId();
      const actionContext: Record<string, unknown> = {
        ...actionContextFor(rule, ruleSet.actions.get(rule.action.ref), instance, traceId),
        retry_of: previous.id,
      };
      // Interrupted runs so far along this chain of retries (recovery caps them: MAX_ABANDON_RETRIES).
      if (retryOptions.retryCount !== undefined && retryOptions.retryCount > 0)
        actionContext['retry_count'] = retryOptions.retryCount;
      const prepared = prepare(rule, instance, ruleSet, actionContext, datastore);
      if (!prepared.ok) return { error: prepared.error };
      const execution = newExecution(
        rule,
        prepared.action,
        instance,
        maskSecrets(prepared.parameters, prepared.specs),
        actionContext,
        'requested',
      );
      startWhenDurable(execution, runOf(execution, prepared, actionContext));
      return { execution };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }

  async function readDatastore(doing: string): Promise<Datastore> {
    try {
      return (await options.datastore?.()) ?? { system: {}, user: {} };
    } catch (error) {
      options.logger?.error({ err: error }, `reading the datastore failed; ${doing} without st2kv keys`);
      return { system: {}, user: {} };
    }
  }

  /** Queues a new execution outside a batch (retry, re-run) and starts it once it is committed, as a batch's. */
  function startWhenDurable(execution: ExecutionRecord, start: () => void): void {
    store.executions.insert(execution);
    transition(execution, 'scheduled');
    track(
      (async () => {
        try {
          await store.durable?.();
        } catch (error) {
          // Left `scheduled`: the next start abandons it (or retries it when the action is declared safe to).
          options.logger?.error({ err: error, execution: execution.id }, 'execution not durable; action not started');
          return;
        }
        start();
      })(),
    );
  }

  async function reRun(
    previous: ExecutionRecord,
    request: ReRunRequest,
    instance?: TriggerInstanceInput,
  ): Promise<ReRunOutcome> {
    try {
      const ruleSet = options.ruleSet();
      const action = ruleSet.actions.get(previous.action.ref);
      if (!action) return { error: `Action "${previous.action.ref}" cannot be found.` };
      if (!action.enabled) return { error: `Unable to execute. Action "${action.ref}" is disabled.` };
      const runnerType = runnerSchemas.get(action.runnerType);
      const runner = runners.get(runnerType?.name ?? action.runnerType);
      if (!runner) return { error: `RunnerType "${action.runnerType}" doesn't exist` };
      const runnerParameters = runnerType?.parameters ?? {};
      const specs = mergeParameterSpecs(runnerParameters, action.parameters);
      const datastore = await readDatastore('re-running');
      const context = reRunContext(previous, action, request.user ?? options.systemUser ?? DEFAULT_SYSTEM_USER);
      const live = reRunParameters(previous.parameters, request, specs, () => {
        // The rule's parameters rendered again for the stored trigger instance: the secrets as they were.
        const rule = previous.rule ? ruleSet.rules.get(previous.rule.ref) : undefined;
        if (!rule || !instance) return 'the rule or trigger instance it came from is gone';
        if (rule.action.ref !== action.ref) return `rule "${rule.ref}" now runs "${rule.action.ref}"`;
        const prepared = prepare(rule, instance, ruleSet, previous.context, datastore);
        return prepared.ok ? prepared.parameters : prepared.error;
      });
      if (!live.ok) return { error: live.error };
      // The pack config as an execution sees it now (st2kv rendered, defaults filled), as StackStorm's re-run does.
      const resolved = resolvePackConfig(ruleSet.packs.get(action.pack), datastore);
      if (!resolved.ok) return { error: resolved.error };
      const configContext = resolved.config;
      const rendered = renderActionParameters({
        ruleParameters: {},
        literalParameters: live.parameters,
        actionParameters: action.parameters,
        runnerParameters,
        context: { trigger: {}, action_context: context, config_context: configContext, datastore },
      });
      if (!rendered.ok) return { error: rendered.error };
      const finalized = finalizeParameters(rendered.parameters, specs, {
        action_context: context,
        config_context: configContext,
        datastore,
      });
      if (!finalized.ok) return { error: finalized.error };
      const execution = reRunRecord(action, maskSecrets(finalized.parameters, specs), context);
      const prepared = {
        ok: true as const,
        action,
        runner,
        specs,
        parameters: finalized.parameters,
        config: configContext,
      };
      startWhenDurable(execution, runOf(execution, prepared, context));
      return { execution };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }

  function process(instance: TriggerInstanceInput, datastore: Datastore | undefined): void {
    try {
      processRecords(instance, datastore);
    } catch (error) {
      options.logger?.error({ err: error, triggerInstance: instance.id }, 'trigger instance processing failed');
      try {
        store.setTriggerInstanceStatus?.(instance.id, 'processing_failed');
      } catch {
        // The store is gone (shutdown): the instance stays as it was.
      }
    }
  }

  function processRecords(instance: TriggerInstanceInput, datastore: Datastore | undefined): void {
    store.setTriggerInstanceStatus?.(instance.id, 'processing');
    const ruleSet = options.ruleSet();
    const entry = 'matcher' in instance.trigger ? instance.trigger : ruleSet.triggers.get(instance.trigger.ref);
    if (entry) {
      const result = entry.matcher.match(instance.payload, {
        triggerInstanceId: instance.id,
        ...(datastore ? { datastore } : {}),
      });
      for (const failure of result.failures) failEnforcement(failure.rule, instance, failure.reason);
      const traceId = objectId();
      for (const rule of result.matched) {
        // One rule's failure never stops the others (st2 catches per rule).
        try {
          enforce(rule, instance, ruleSet, traceId, datastore ?? { system: {}, user: {} });
        } catch (error) {
          options.logger?.error(
            { err: error, rule: rule.ref, triggerInstance: instance.id },
            'rule enforcement failed',
          );
          failEnforcement(rule, instance, error instanceof Error ? error.message : String(error));
        }
      }
    }
    store.setTriggerInstanceStatus?.(instance.id, 'processed');
  }

  async function drain(): Promise<void> {
    draining = true;
    try {
      for (let chunk = queue.splice(0, BATCH); chunk.length > 0; chunk = queue.splice(0, BATCH)) {
        // One datastore read per batch (keys as they are when the batch is processed).
        let datastore: Datastore | undefined;
        try {
          datastore = await options.datastore?.();
        } catch (error) {
          options.logger?.error({ err: error }, 'reading the datastore failed; matching without st2kv keys');
        }
        // Every record of the batch is queued in this turn, so the store commits them in one transaction.
        for (const instance of chunk) process(instance, datastore);
        // Nothing to undo after a crash: these end in this turn, so their statuses fold into the batch's writes.
        for (const start of freeStarts.splice(0)) start();
        const runs = starts.splice(0);
        try {
          // Awaited, not blocking: the HTTP side keeps being served while the batch is synced.
          await store.durable?.();
          for (const start of runs) start();
        } catch (error) {
          // Not durable: running now could run twice after a crash; the instances are recovered on restart.
          options.logger?.error(
            { err: error, triggerInstances: chunk.map((i) => i.id) },
            'records not durable; actions not started',
          );
        }
        // Let the HTTP side breathe between batches.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      draining = false;
    }
  }

  return {
    limiter,
    retry,
    reRun,
    submit(instance) {
      queue.push(instance);
      if (!draining) track(drain());
    },
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    async close() {
      queue.length = 0;
      abort.abort();
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
