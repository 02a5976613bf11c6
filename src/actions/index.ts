// Public surface of actions: runners, the concurrency limit, and one call that runs an action under both.
import type { RunInput, RunOutcome, RunnerDefinition } from './types.ts';
import type { Limiter } from './limit.ts';

export type {
  ActionDatastore,
  ActionKvRecord,
  ActionServices,
  RunInput,
  RunOutcome,
  RunStatus,
  RunnerDefinition,
} from './types.ts';
export { createLimiter } from './limit.ts';
export type { Limiter } from './limit.ts';
export { runners, scriptArguments, pythonScript } from './runners/index.ts';
export { runProcess, stripShellChars } from './process.ts';
export { notExecutable } from './not-executable.ts';

/** Default cap on each captured stream: 1 MiB. */
export const DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;

/**
 * Runs an action with its runner once a slot of `limiter` is free; `onStart` fires when it leaves the queue
 * (the engine marks the execution `running` then). A runner that throws is a failed run, never a crash.
 */
export async function runAction(
  runner: RunnerDefinition,
  input: RunInput,
  limiter: Limiter,
  /** Awaited before the runner starts: the engine makes the `running` status durable first (rejecting = not run). */
  onStart?: () => void | Promise<void>,
): Promise<RunOutcome> {
  return limiter.run(async () => {
    await onStart?.();
    try {
      return await runner.run(input);
    } catch (error) {
      return { status: 'failed', result: { error: error instanceof Error ? error.message : String(error) } };
    }
  });
}
export {
  pythonInterpreter,
  lazyPython,
  resolvePython,
  setupPackVirtualenv,
  SetupError,
  virtualenvPath,
  SYSTEM_PACKS,
} from './python/index.ts';
export type { SetupOutcome } from './python/index.ts';
export type { Interpreter } from './python/index.ts';
