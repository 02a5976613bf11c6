// `noop`: does nothing and succeeds, with the local runner's result shape as StackStorm's noop runner returns.
import type { RunnerDefinition } from '../types.ts';

export const noop: RunnerDefinition = {
  name: 'noop',
  runnerParameters: [],
  defaultTimeout: 60,
  sideEffects: false,
  run() {
    return Promise.resolve({
      status: 'succeeded',
      result: { failed: false, succeeded: true, return_code: 0, stdout: '', stderr: '' },
    });
  },
};
