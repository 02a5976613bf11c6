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
