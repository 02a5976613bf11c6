// Diagnostic codes of the actions stage. Codes are stable: never rename one, only deprecate it.
import type { CodeDefinition } from '../types.ts';

export const actionCodes = {
  RULES_W_ACTION_CMD_UNQUOTED: {
    severity: 'warning',
    title: 'Shell command interpolates trigger data without shell_quote',
    description:
      'Trigger data can reach a command line run by bash (`cmd` of the `local-shell-cmd` runner, such as `core.local`) with its shell syntax intact, ' +
      'so a webhook body containing `; rm -rf ~` or `$(...)` runs as code. The data is followed from the rule parameter that reads `trigger` ' +
      "through the action's parameters (a default such as `cmd: echo {{ message }}`, nested references, lists) into the command, and the " +
      'message names the path (rule parameter → action parameter → `cmd`). `| shell_quote` as the last filter makes a value one word only in ' +
      'plain context: inside "...", \'...\', backticks or $(...), or in what `eval`, `bash -c` or `ssh` parse again, it does not protect. ' +
      '`int`/`float` are safe unless their default argument is trigger data; parameters typed integer, number or boolean are cast first. ' +
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
