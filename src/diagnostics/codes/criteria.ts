// Diagnostic codes of the criteria stage. Codes are stable: never rename one, only deprecate it.
import type { CodeDefinition } from '../types.ts';

export const criteriaCodes = {
  RULES_E_CRITERIA_KEY_SYNTAX: {
    severity: 'error',
    title: 'Criteria key is not a valid JSONPath',
    description:
      'The key (after the `#suffix` is stripped) does not parse in the jsonpath_rw dialect StackStorm uses: a name that is a number (`trigger.body.0`), contains spaces, `$` or non-ASCII letters unquoted, a filter `[?(...)]`, `[0,1]`. StackStorm accepts the rule and fails the criterion on every event with "Failed transforming criteria key". Quote such names: `trigger.body[\'0\']`.',
  },
  RULES_W_CRITERIA_KEY_ROOT: {
    severity: 'warning',
    title: 'Criteria key does not start with trigger.',
    description:
      'Keys are looked up in `{trigger: payload, system: datastore}` (`item` inside search children), so a key such as `body.x` never resolves and behaves as None in StackStorm.',
  },
  RULES_E_CRITERIA_NO_OPERATOR: {
    severity: 'error',
    title: 'Criterion without an operator',
    description:
      'The criterion has no `type`. StackStorm rejects it at creation ("Operator not specified for field: <key>"); at match time such a criterion is false.',
  },
  RULES_E_CRITERIA_UNKNOWN_OPERATOR: {
    severity: 'error',
    title: 'Unknown criteria operator',
    description:
      'The `type` is not one of StackStorm\'s 33 operator names (aliases included). StackStorm rejects it at creation ("operator <op> not in list of allowed operators"); at run time an unknown operator aborts matching of the whole trigger instance.',
  },
  RULES_W_CRITERIA_SEARCH_SPELLING: {
    severity: 'warning',
    title: 'search spelled in another case',
    description:
      'StackStorm runs the search logic only when `type` is exactly `search`; `SEARCH` or `Search` resolves to the operator but is called with two arguments, raises TypeError and the criterion is always false.',
  },
  RULES_E_CRITERIA_SEARCH_CONDITION: {
    severity: 'error',
    title: 'Invalid search condition',
    description:
      'The `condition` of a search criterion must be `any`, `all`, `any2any` or `all2any` (lower case). StackStorm raises UnrecognizedConditionError at match time, even for an empty list, and the criterion is false.',
  },
  RULES_E_CRITERIA_SEARCH_PATTERN: {
    severity: 'error',
    title: 'search pattern is not a mapping',
    description:
      'The `pattern` of a search criterion holds child criteria keyed by `item...` paths. Anything else makes StackStorm raise on every non-empty list and the criterion is false.',
  },
  RULES_E_CRITERIA_REGEX_SYNTAX: {
    severity: 'error',
    title: 'Invalid regular expression',
    description:
      'The pattern of `regex`, `iregex` or `matchregex` is not a valid Python regular expression. StackStorm raises re.error when the rule is evaluated and the criterion is false.',
  },
  RULES_E_CRITERIA_REGEX_BACKTRACKING: {
    severity: 'error',
    title: 'Regular expression needs backtracking',
    description:
      "The pattern uses lookaround, backreferences, atomic or conditional groups. Python's re runs them with backtracking, which a crafted payload can stall; criteria here run on RE2 in linear time, so these features are refused at compile time. The hint gives an equivalent where one exists (several criteria on one key with `key#2`).",
  },
} satisfies Record<string, CodeDefinition>;
