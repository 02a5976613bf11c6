// The runner registry: runner type name → definition. Add a runner: one file, one line here.
import type { RunnerDefinition } from '../types.ts';
import { localShellCmd } from './local-shell-cmd.ts';
import { localShellScript } from './local-shell-script.ts';
import { httpRequest } from './http-request.ts';
import { noop } from './noop.ts';
import { nodejs } from './nodejs.ts';
import { pythonScript } from './python-script.ts';

export const runners: ReadonlyMap<string, RunnerDefinition> = new Map(
  [localShellCmd, localShellScript, httpRequest, noop, nodejs, pythonScript].map((r) => [r.name, r]),
);

export { localShellCmd, localShellScript, httpRequest, noop, nodejs, pythonScript };
export { scriptArguments } from './local-shell-script.ts';
