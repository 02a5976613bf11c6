// Diagnostic codes of the actions stage. Codes are stable: never rename one, only deprecate it.
import type { CodeDefinition } from '../types.ts';

export const actionCodes = {
  RULES_W_ACTION_CMD_UNQUOTED: {
    severity: 'warning',
    title: 'Shell command interpolates trigger data without shell_quote',
    description:
      'A rule passes a `cmd` to an action of the `local-shell-cmd` runner (such as `core.local`) whose template outputs `trigger.*` data ' +
      'without `| shell_quote` as the last filter. The command is run by bash, so a webhook body containing `; rm -rf ~` or `$(...)` runs as code. ' +
      'StackStorm behaves the same way (it renders the template and hands the string to a shell) and says nothing; quote the value, ' +
      'or use a `local-shell-script` action, whose parameters arrive as separate arguments.',
  },
  RULES_W_ACTION_RUNNER_NOT_EXECUTABLE: {
    severity: 'warning',
    title: 'Runner not executable by this runtime',
    description:
      "An enabled rule calls an action whose runner type is a StackStorm runner this runtime does not execute (it runs `local-shell-cmd`, `local-shell-script`, `http-request`, `noop` and `nodejs`: rules/executable-runners.yaml). Not an error in the pack: StackStorm registers and runs it, and the compiler still checks the action and the rule's parameters against the runner's parameters. Under `rules serve` the rule matches and is enforced as usual, and its execution fails at once with a message naming the runner. Reported once per rule, on `action.ref`.",
  },
} satisfies Record<string, CodeDefinition>;
