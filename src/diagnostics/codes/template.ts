// Diagnostic codes of the template stage. Codes are stable: never rename one, only deprecate it.
import type { CodeDefinition } from '../types.ts';

export const templateCodes = {
  RULES_E_TEMPLATE_SYNTAX: {
    severity: 'error',
    title: 'Template syntax error',
    description:
      'A criteria pattern or action parameter is not a valid Jinja template (an unbalanced `{{`, a missing `{% endif %}`, an unknown tag). StackStorm raises TemplateSyntaxError when the rule fires: the criterion is false, or the enforcement fails. We report it at compile time with the line and column inside the template.',
  },
  RULES_E_TEMPLATE_UNKNOWN_NAME: {
    severity: 'error',
    title: 'Name outside the template context',
    description:
      'The template reads a top-level name the context does not provide (criteria patterns see `trigger` and `st2kv`; action parameters also see `action_context`, `config_context` and the other parameters). StackStorm renders it as StrictUndefined and fails at run time ("\'x\' is undefined").',
  },
  RULES_E_TEMPLATE_UNKNOWN_FILTER: {
    severity: 'error',
    title: 'Unknown template filter',
    description:
      'The template applies a filter that neither Jinja nor StackStorm defines (or that we do not implement). StackStorm raises TemplateAssertionError ("No filter named ...") when the rule fires.',
  },
  RULES_E_TEMPLATE_UNKNOWN_TEST: {
    severity: 'error',
    title: 'Unknown template test',
    description:
      'The template uses `is <test>` with a test Jinja does not define. StackStorm raises TemplateAssertionError ("No test named ...") when the rule fires.',
  },
} satisfies Record<string, CodeDefinition>;
