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
} satisfies Record<string, CodeDefinition>;
