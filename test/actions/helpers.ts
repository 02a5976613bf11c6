// Builders shared by the actions tests: actions as the pack compiler would produce them.
import type { ActionModel } from '../../src/model/index.ts';
import type { RunInput } from '../../src/actions/index.ts';

export function action(overrides: Partial<ActionModel> & { runnerType: string }): ActionModel {
  return {
    ref: 'test.act',
    pack: 'test',
    name: 'act',
    uid: 'action:test:act',
    enabled: true,
    entryPoint: '',
    parameters: {},
    packDir: '',
    file: '',
    hash: '',
    ...overrides,
  };
}

export function input(a: ActionModel, parameters: Record<string, unknown>, extra: Partial<RunInput> = {}): RunInput {
  return { action: a, parameters, context: {}, executionId: 'exec-1', maxOutputBytes: 1024 * 1024, ...extra };
}
