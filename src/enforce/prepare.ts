// What the rules engine does for one matching rule before anything is recorded (StackStorm's RuleEnforcer:
// get_action_execution_context and get_resolved_parameters in st2reactor/rules/enforcer.py): the action and its
// runner resolved from the rule set, the parameters rendered, cast and checked. The engine, the rule tester and
// the explanation of a trigger instance all call these, so `rules test` runs the server's path, not a copy.
import type { ActionModel, ParameterSpec, RuleModel, RuleSet } from '../model/index.ts';
import { notExecutable } from '../actions/index.ts';
import type { RunnerDefinition } from '../actions/index.ts';
import { renderActionParameters } from './params.ts';
import { finalizeParameters } from './finalize.ts';
import { mergeParameterSpecs } from './schema.ts';
import { resolvePackConfig } from './config.ts';

/** StackStorm's `system_user.user` default: the user rule enforcements run actions as. */
export const DEFAULT_SYSTEM_USER = 'stanley';

/** The st2kv snapshot templates read (`st2kv.system.*`, `st2kv.user.*`). */
export type Datastore = { system: Record<string, unknown>; user: Record<string, unknown> };

/** The runners this process can run and every runner type's parameters (rules/runners/*.yaml, with aliases). */
export interface ActionRuntime {
  runners: ReadonlyMap<string, RunnerDefinition>;
  runnerSchemas: ReadonlyMap<string, { name?: string; parameters: Record<string, ParameterSpec> }>;
}

/** Rendered, cast and checked parameters for a rule's action, or why there are none. */
export type Prepared =
  | {
      ok: true;
      action: ActionModel;
      runner: RunnerDefinition;
      specs: Record<string, ParameterSpec>;
      parameters: Record<string, unknown>;
      /** The pack's config for this execution (`self.config` of a Python action). */
      config: Record<string, unknown>;
    }
  | {
      ok: false;
      error: string;
      /** A render failure: st2 still records the execution, failed at once. */
      rendered?: { action: ActionModel; specs: Record<string, ParameterSpec> };
    };

/**
 * The `action_context` of an execution (RuleEnforcer.get_action_execution_context): the trigger instance and rule
 * it comes from, the user, the action's pack and the trace.
 */
export function executionContext(
  rule: RuleModel,
  action: { pack: string } | undefined,
  instance: { id: string; traceTag: string },
  traceId: string,
  user: string,
): Record<string, unknown> {
  return {
    trigger_instance: { id: instance.id, name: null },
    rule: { id: rule.uid, name: rule.name },
    user,
    pack: action?.pack,
    trace_context: { id_: traceId, trace_tag: instance.traceTag },
  };
}

/**
 * The action's parameters for this rule and instance, rendered and finalized as `RuleEnforcer.enforce()` does:
 * the rule's parameters over the action's and its runner's (defaults, immutables, schema casts), with the
 * payload as `trigger`, `action_context`, the pack's `configs/<pack>.yaml` as `config_context`, and st2kv.
 */
export function prepareExecution(
  rule: RuleModel,
  instance: { payload: unknown },
  ruleSet: RuleSet,
  actionContext: Record<string, unknown>,
  datastore: Datastore,
  runtime: ActionRuntime,
): Prepared {
  const action = ruleSet.actions.get(rule.action.ref);
  if (!action) return { ok: false, error: `Action "${rule.action.ref}" doesn't exist` };
  if (!action.enabled) return { ok: false, error: `Unable to execute. Action "${action.ref}" is disabled.` };
  const runnerType = runtime.runnerSchemas.get(action.runnerType);
  // Aliases (`run-local`, `orchestra`) resolve to the runner's name, as StackStorm's runner registry does. A runner
  // type StackStorm has and we do not execute, or an action StackStorm runs with one of its own scripts, gets an
  // execution that fails naming why (issue 14).
  const name = runnerType?.name ?? action.runnerType;
  const runner = action.definitionOnly
    ? notExecutable(name, runtime.runners.keys(), { entryPoint: action.entryPoint })
    : (runtime.runners.get(name) ?? (runnerType ? notExecutable(name, runtime.runners.keys()) : undefined));
  if (!runner) return { ok: false, error: `RunnerType "${action.runnerType}" doesn't exist` };
  const runnerParameters = runnerType?.parameters ?? {};
  const specs = mergeParameterSpecs(runnerParameters, action.parameters);
  // As StackStorm's config loader: a config value that does not render fails the execution, like a parameter.
  const resolved = resolvePackConfig(ruleSet.packs.get(action.pack), datastore);
  if (!resolved.ok) return { ok: false, error: resolved.error, rendered: { action, specs } };
  const config = resolved.config;
  const rendered = renderActionParameters({
    ruleParameters: rule.action.parameters,
    actionParameters: action.parameters,
    runnerParameters,
    context: {
      trigger: instance.payload,
      action_context: actionContext,
      config_context: config,
      datastore,
    },
  });
  if (!rendered.ok) {
    // A cast failure is a plain ValueError in st2: no execution. A render failure (ParamException)
    // still creates the execution, marked failed at once with the same message.
    return rendered.kind === 'cast'
      ? { ok: false, error: rendered.error }
      : { ok: false, error: rendered.error, rendered: { action, specs } };
  }
  const finalized = finalizeParameters(rendered.parameters, specs, {
    action_context: actionContext,
    config_context: config,
    datastore,
  });
  if (!finalized.ok) return { ok: false, error: finalized.error };
  return { ok: true, action, runner, specs, parameters: finalized.parameters, config };
}
