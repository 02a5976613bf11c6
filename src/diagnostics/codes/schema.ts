// Diagnostic codes of the schema stage and of the pack compiler's semantic checks. Codes are stable:
// never rename one, only deprecate it.
import type { CodeDefinition } from '../types.ts';

export const schemaCodes = {
  RULES_E_SCHEMA_UNKNOWN_FIELD: {
    severity: 'error',
    title: 'Unknown field',
    description:
      "A field the schema does not allow (rules/schema/). StackStorm's rule, action and trigger type APIs use `additionalProperties: false`, so registration fails with \"Additional properties are not allowed ('x' was unexpected)\".",
  },
  RULES_E_SCHEMA_REQUIRED: {
    severity: 'error',
    title: 'Required field missing',
    description:
      'A required field is missing (a rule needs `name`, `trigger.type` and `action.ref`; pack.yaml needs `name`, `description`, `version`, `author`). StackStorm rejects the resource: "\'x\' is a required property".',
  },
  RULES_E_SCHEMA_INVALID: {
    severity: 'error',
    title: 'Value does not match the schema',
    description:
      'A value has the wrong type or is not one of the allowed values (for example `enabled: "true"` as a string, `criteria` as a list). StackStorm rejects the resource at registration with the jsonschema error. An optional field left empty (`description:`, `tags:`, `notify:`: null) is accepted, as StackStorm validates with `allow_default_none` and replaces a null by the field\'s default; a required one (`name:`, `runner_type:`) is not, nor is an empty `description:` inside an action parameter (StackStorm checks parameters against the JSON Schema meta-schema).',
  },
  RULES_E_TRIGGER_PARAMETERS_UNKNOWN_FIELD: {
    severity: 'error',
    title: 'Unknown trigger parameter',
    description:
      'The rule gives its trigger a parameter the trigger type does not declare (`core.st2.webhook` takes only `url`). StackStorm validates trigger parameters at rule creation: "Additional properties are not allowed".',
  },
  RULES_E_TRIGGER_PARAMETERS_REQUIRED: {
    severity: 'error',
    title: 'Required trigger parameter missing',
    description:
      'A trigger parameter the trigger type requires is missing (`url` for `core.st2.webhook`). StackStorm rejects the rule: "\'url\' is a required property".',
  },
  RULES_E_TRIGGER_PARAMETERS_INVALID: {
    severity: 'error',
    title: 'Invalid trigger parameter',
    description:
      "A trigger parameter does not match the trigger type's parameters_schema (for example a number as webhook url). StackStorm rejects the rule at creation. Timers are checked further as StackStorm does: CronTimer fields as APScheduler's CronTrigger accepts them (ranges, `*/n`, lists, month and weekday names, `last fri`; `day_of_week: abcdef` is refused at rule creation), `timezone` a zone pytz knows, IntervalTimer's `unit` one of weeks/days/hours/minutes/seconds, DateTimer's `date` one dateutil parses (StackStorm's timer never schedules a rule whose date or zone it cannot read).",
  },
  RULES_E_RULE_UNKNOWN_TRIGGER_TYPE: {
    severity: 'error',
    title: 'Unknown trigger type',
    description:
      'The rule\'s `trigger.type` is neither a built-in system trigger type nor declared in a loaded pack\'s `triggers/`. StackStorm answers 400 "Trigger "<type>" defined in the rule does not exist in system or it\'s missing required "parameters" attribute".',
  },
  RULES_E_WEBHOOK_URL_EMPTY: {
    severity: 'error',
    title: 'Empty webhook url',
    description:
      'The webhook url is empty after StackStorm strips leading and trailing slashes. StackStorm accepts the rule, but no request can reach it (POST /v1/webhooks/ has no route).',
  },
  RULES_E_WEBHOOK_URL_SHADOWED: {
    severity: 'error',
    title: 'Webhook url `st2` is shadowed',
    description:
      '`/v1/webhooks/st2` is the generic webhook and always takes precedence. StackStorm accepts a rule with `url: st2`, but it can never fire.',
  },
  RULES_W_WEBHOOK_URL_SPELLINGS: {
    severity: 'warning',
    title: 'One webhook url spelled two ways',
    description:
      '`sample` and `/sample/` are the same hook but two Triggers: StackStorm dispatches one trigger instance per Trigger for every request, each matched only against the rules of its own spelling. Spell the url the same way everywhere.',
  },
  RULES_E_ACTION_NOT_FOUND: {
    severity: 'error',
    title: 'Unknown action',
    description:
      'The rule\'s `action.ref` names no action: it has no pack part (`check_procs`), or its pack is in the pack roots (or is the built-in `core`/`packs`) without that action. StackStorm registers the rule, then every enforcement fails with "Action "<ref>" doesn\'t exist". An action of a pack that is not in the roots at all is RULES_W_ACTION_PACK_NOT_LOADED instead.',
  },
  RULES_W_ACTION_PACK_NOT_LOADED: {
    severity: 'warning',
    title: 'Action of a pack that is not in the pack roots',
    description:
      'The rule calls an action of another pack (`slack.post_message`) and that pack is not in the pack roots, as when the rules of one pack repository call a pack installed from the Exchange. StackStorm registers the rule and runs the action where the pack is installed; here the action and its parameters cannot be checked, and `rules serve` fails those enforcements ("Action ... doesn\'t exist"). Add the pack with `--packs`, declare it installed (`installedPacks` in the config file), or turn this into RULES_E_ACTION_PACK_NOT_INSTALLED with `--strict`.',
  },
  RULES_E_ACTION_PACK_NOT_INSTALLED: {
    severity: 'error',
    title: 'Action of a pack that is neither loaded nor installed',
    description:
      "As RULES_W_ACTION_PACK_NOT_LOADED, with `rules compile --strict` or a config file listing the installed packs (`installedPacks: [slack, jira]`, `--config`): the action's pack is not in the pack roots and not declared installed, so nothing would run it.",
  },
  RULES_E_ACTION_PARAMETER_UNKNOWN: {
    severity: 'error',
    title: 'Unknown action parameter',
    description:
      'The rule passes a parameter that neither the action nor its runner declares. StackStorm fails the execution: "Additional parameter(s) ... not allowed".',
  },
  RULES_E_ACTION_PARAMETER_IMMUTABLE: {
    severity: 'error',
    title: 'Immutable action parameter set',
    description:
      'The rule sets a parameter the action declares `immutable: true`. StackStorm fails the execution ("Param <name> is declared immutable").',
  },
  RULES_E_ACTION_PARAMETER_TYPE: {
    severity: 'error',
    title: 'Action parameter literal of the wrong type',
    description:
      'A literal (untemplated) action parameter does not fit the declared type or enum (for example `timeout: "soon"` for an integer, or `cmd: 5` for a string: "Value "5" must either be a string or None. Got "int"."). StackStorm fails every enforcement.',
  },
  RULES_E_ACTION_PARAMETER_REQUIRED: {
    severity: 'error',
    title: 'Required action parameter missing',
    description:
      'The action declares a parameter `required: true` without a default and the rule does not set it. StackStorm fails every execution: "\'<name>\' is a required property".',
  },
  RULES_E_ACTION_PARAMETER_NAME: {
    severity: 'error',
    title: 'Invalid action parameter name',
    description:
      'Action parameter names must match `^\\w+$`. StackStorm refuses to register the action: "Parameter name "<n>" is invalid. Valid characters for parameter name are [a-zA-Z0-0_]."',
  },
  RULES_E_ACTION_RUNNER_UNKNOWN: {
    severity: 'error',
    title: 'Unknown runner type',
    description:
      "The action's `runner_type` is not a runner type of StackStorm 3.x (rules/runners/: python-script, orquesta, action-chain, local-shell-cmd/-script, remote-shell-cmd/-script, winrm-cmd, winrm-ps-cmd/-script, http-request, announcement, inquirer, noop) nor ours (`nodejs`). StackStorm refuses to register the action.",
  },
  RULES_E_ACTION_RUNNER_REMOVED: {
    severity: 'error',
    title: 'Runner type removed from StackStorm',
    description:
      "The action's `runner_type` is one StackStorm no longer has (rules/removed-runners.yaml): `mistral-v2`, removed in 3.3 with Mistral, the Windows and CloudSlang runners, or a pre-1.0 name such as `run-local` that StackStorm 3.x's runner.yaml files no longer declare. StackStorm 3.x refuses to register the action; the message says what replaced it.",
  },
  RULES_E_ACTION_DUPLICATE: {
    severity: 'error',
    title: 'Duplicate action',
    description:
      'Two files of a pack define an action with the same name. StackStorm registers both in turn: the later file silently replaces the earlier one.',
  },
  RULES_E_RULE_DUPLICATE: {
    severity: 'error',
    title: 'Duplicate rule',
    description:
      'Two files define a rule with the same `<pack>.<name>` (reported at both). StackStorm keys rules by (pack, name): the later file replaces the earlier one at registration.',
  },
  RULES_W_RULE_ENABLED_OMITTED: {
    severity: 'warning',
    title: '`enabled` omitted',
    description:
      'The rule has no `enabled` field. StackStorm then registers it disabled (the docs call the field required, the API defaults it to false). Write `enabled: true` or `enabled: false`.',
  },
  RULES_E_CRITERIA_PATTERN_MISSING: {
    severity: 'error',
    title: 'Criterion without pattern',
    description:
      'A criterion (other than exists, nexists, search) has no `pattern` or `pattern: null`. StackStorm rejects the rule: "For field: <key>, no pattern specified for operator <op>".',
  },
  RULES_E_ST2_PATTERN_MISSING: {
    severity: 'error',
    strictSt2: true,
    title: '`exists`/`nexists` without pattern (--strict-st2)',
    description:
      "We accept exists and nexists without a pattern, but StackStorm's validation requires one for every operator (st2 issue #6197). Reported only with --strict-st2: add `pattern: placeholder` to stay deployable on StackStorm.",
  },
  RULES_E_ST2_OPERATOR_CASE: {
    severity: 'error',
    strictSt2: true,
    title: 'Operator name not in lower case (--strict-st2)',
    description:
      'StackStorm lower-cases operator names at run time but validates them exactly at creation, so `type: Equals` is rejected there. Reported only with --strict-st2.',
  },
} satisfies Record<string, CodeDefinition>;
