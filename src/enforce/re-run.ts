// Re-running an execution as StackStorm's `POST /v1/executions/<id>/re_run` (`st2 execution re-run`) does: a new
// execution of the same action with the earlier run's parameters, the request's on top (`no_merge`: only those),
// its context `re-run: {ref: <id>}` and the earlier trace; not tied to a rule or trigger instance.
// Two differences, both for safety: the parameters are taken as values, not rendered as Jinja again (a value that
// came from trigger data must not become a template); and secrets, which the store keeps masked, are recovered by
// rendering the rule again for its stored trigger instance, or must be given in the request.
import type { ActionModel, ParameterSpec } from '../model/index.ts';
import type { ExecutionRecord } from '../store/index.ts';
import { MASK } from './schema.ts';
import { objectId, st2Timestamp } from './ids.ts';

export interface ReRunRequest {
  /** Merged over the earlier run's parameters (StackStorm's `parameters`). */
  parameters?: Record<string, unknown>;
  /** StackStorm's `no_merge`: run with the given parameters only. */
  noMerge?: boolean;
  /** Who asked (the context's `user`); default the system user. */
  user?: string;
}

/** The new execution, or why there is none (StackStorm answers 400 with the message). */
export type ReRunOutcome = { execution: ExecutionRecord } | { error: string };

export type LiveParameters = { ok: true; parameters: Record<string, unknown> } | { ok: false; error: string };

/**
 * The re-run's parameters before rendering: the earlier run's (stored after finalising, so with defaults, which
 * are left out again: an immutable one would read as an override) and the request's on top. A secret stored
 * masked and not given again comes from `recover()`: the values the rule renders now, or why it cannot.
 */
export function reRunParameters(
  previous: Readonly<Record<string, unknown>>,
  request: ReRunRequest,
  specs: Readonly<Record<string, ParameterSpec>>,
  recover: () => Record<string, unknown> | string,
): LiveParameters {
  const given = request.parameters ?? {};
  const out: Record<string, unknown> = {};
  let recovered: Record<string, unknown> | string | undefined;
  for (const [name, value] of Object.entries(request.noMerge === true ? {} : previous)) {
    if (Object.hasOwn(given, name)) continue;
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
    if (spec?.immutable === true) continue;
    if (spec && Object.hasOwn(spec, 'default') && JSON.stringify(spec.default) === JSON.stringify(value)) continue;
    if (spec?.secret === true && value === MASK) {
      recovered ??= recover();
      if (typeof recovered === 'string' || !Object.hasOwn(recovered, name))
        return {
          ok: false,
          error:
            `Parameter "${name}" is secret and stored masked; give its value in "parameters" to re-run` +
            (typeof recovered === 'string' ? ` (${recovered})` : ''),
        };
      out[name] = recovered[name];
      continue;
    }
    out[name] = value;
  }
  for (const [name, value] of Object.entries(given)) out[name] = value;
  return { ok: true, parameters: out };
}

/** StackStorm's context of a re-run: who, which pack, what it re-runs, and the earlier run's trace. */
export function reRunContext(previous: ExecutionRecord, action: ActionModel, user: string): Record<string, unknown> {
  const context: Record<string, unknown> = { user, pack: action.pack, 're-run': { ref: previous.id } };
  if (previous.context['trace_context'] !== undefined) context['trace_context'] = previous.context['trace_context'];
  return context;
}

/** A new execution record of a re-run, `requested`: no rule, trigger or trigger instance, as in StackStorm. */
export function reRunRecord(
  action: ActionModel,
  parameters: Record<string, unknown>,
  context: Record<string, unknown>,
): ExecutionRecord {
  const now = st2Timestamp();
  return {
    id: objectId(),
    action: { ref: action.ref, name: action.name, pack: action.pack, runner_type: action.runnerType },
    runner: { name: action.runnerType },
    parameters,
    status: 'requested',
    start_timestamp: now,
    result: {},
    context,
    log: [{ status: 'requested', timestamp: now }],
  };
}
