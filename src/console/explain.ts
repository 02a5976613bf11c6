// "Why not?" (issue 19): a stored trigger instance explained against one rule, or against every rule of its Trigger,
// by the rule tester of `rules test --explain`, which decides with the matcher the server compiles. The tester is
// app code (src/app/rule-tester.ts), handed in by the serve assembly, so the console does not import the layer that
// assembles it. Here only the choice of rules and the JSON shape: per criterion the key, the resolved value, the
// operator, the rendered pattern and the result, with Python reprs as the CLI prints them; the rendered action
// parameters when the rule matches, secrets masked.
import type { CriterionExplanation } from '../criteria/index.ts';
import { MASK, maskSecrets, mergeParameterSpecs } from '../enforce/index.ts';
import { pyRepr } from '../python/index.ts';
import type { ActionModel, ParameterSpec, RuleModel, RuleSet } from '../model/index.ts';
import type { TriggerInstanceRecord } from '../store/index.ts';

/** One criterion as the API shows it; `value` absent (and `missing`) when the key resolved to nothing. */
export interface CriterionView {
  key: string;
  operator: string | null;
  value?: unknown;
  missing?: true;
  value_repr: string;
  pattern?: unknown;
  pattern_repr?: string;
  result: boolean;
  error?: string;
  location: string;
  /** `search`: per element of the list, its child criteria. */
  children?: CriterionView[][];
}

export interface RuleExplanation {
  rule: string;
  file: string;
  enabled: boolean;
  action: string;
  matched: boolean;
  /** In evaluation order, up to the first that fails (StackStorm stops there too). */
  criteria: CriterionView[];
  /** Criteria that raised: the failed rule enforcements the server records. */
  failures: string[];
  note?: string;
  error?: string;
  /** The action's parameters rendered for this instance, secrets masked (only when the rule matches). */
  parameters?: Record<string, unknown>;
}

/** `rules test`'s tester: one trigger instance (its trigger type and payload) against one rule. */
export type RuleTester = (input: {
  rule: RuleModel;
  instance: { trigger: string; payload: unknown };
  datastore?: { system?: Record<string, unknown>; user?: Record<string, unknown> };
  action?: ActionModel;
  triggerInstanceId?: string;
}) => {
  matched: boolean;
  failures: string[];
  explanation: CriterionExplanation[];
  parameters?: Record<string, unknown>;
  error?: string | undefined;
  note?: string | undefined;
};

export interface ExplainInput {
  tester: RuleTester;
  ruleSet: RuleSet;
  instance: TriggerInstanceRecord;
  /** One rule by ref; absent: every rule of the instance's Trigger. */
  rule?: RuleModel;
  datastore: { system: Record<string, unknown>; user: Record<string, unknown> };
  /** Values of secret datastore keys: masked wherever they appear in the answer. */
  secrets: readonly string[];
  runnerSchemas: ReadonlyMap<string, { parameters: Record<string, ParameterSpec> }>;
}

/** Every rule of the Trigger a stored instance names (webhook url spellings and parameterless trigger types). */
export function rulesOfTrigger(ruleSet: RuleSet, trigger: string): readonly RuleModel[] {
  return resolveTrigger(ruleSet, trigger).rules;
}

/** The Trigger a stored ref names: its type (what the tester compares) and rules; unknown refs have none. */
function resolveTrigger(ruleSet: RuleSet, ref: string): { type: string; rules: readonly RuleModel[] } {
  for (const entries of ruleSet.webhooks.values()) for (const entry of entries) if (entry.ref === ref) return entry;
  return ruleSet.triggers.get(ref) ?? { type: ref, rules: [] };
}

/** How a rule names its Trigger, for notes: `core.st2.webhook (url: github)`. */
function triggerName(type: string, parameters: Record<string, unknown>): string {
  const url = parameters['url'];
  return typeof url === 'string' ? `${type} (url: ${url})` : type;
}

function criterionView(e: CriterionExplanation): CriterionView {
  const missing = e.value === undefined;
  const view: CriterionView = {
    key: e.key,
    operator: e.operator ?? null,
    ...(missing ? { missing: true as const } : { value: e.value }),
    value_repr: missing ? 'None (missing)' : pyRepr(e.value),
    result: e.result,
    location: e.location,
  };
  if ('pattern' in e) {
    view.pattern = e.pattern;
    view.pattern_repr = pyRepr(e.pattern);
  }
  if (e.error !== undefined) view.error = e.error;
  if (e.children) view.children = e.children.map((row) => row.map(criterionView));
  return view;
}

/** Replaces every string that contains a secret by the mask (own properties only: answers are plain data). */
function maskStrings(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return secrets.some((s) => s !== '' && value.includes(s)) ? MASK : value;
  if (Array.isArray(value)) return value.map((v) => maskStrings(v, secrets));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = maskStrings((value as Record<string, unknown>)[key], secrets);
    return out;
  }
  return value;
}

function explainRule(input: ExplainInput, rule: RuleModel): RuleExplanation {
  const action = input.ruleSet.actions.get(rule.action.ref);
  // Stored instances name their Trigger (`core.<uuid>` for a webhook url); the tester compares trigger types.
  const trigger = resolveTrigger(input.ruleSet, input.instance.trigger);
  const onTrigger = trigger.rules.includes(rule);
  const result = input.tester({
    rule,
    instance: { trigger: trigger.type, payload: input.instance.payload },
    datastore: input.datastore,
    ...(action ? { action } : {}),
    triggerInstanceId: input.instance.id,
  });
  const elsewhere =
    !onTrigger && rule.trigger.type === trigger.type
      ? [
          `the rule listens on ${triggerName(rule.trigger.type, rule.trigger.parameters)}, not on the trigger this ` +
            `instance came to (${input.instance.trigger}); its criteria are explained as if it did`,
        ]
      : [];
  const notes = [
    ...elsewhere,
    ...(rule.enabled ? [] : ['the rule is disabled: the server does not run it (explained as if it were enabled)']),
    ...(rule.kind === 'backstop' ? ['a backstop rule: it runs only when no standard rule of its trigger matches'] : []),
    ...(result.note ? [result.note] : []),
  ];
  const out: RuleExplanation = {
    rule: rule.ref,
    file: rule.file,
    enabled: rule.enabled,
    action: rule.action.ref,
    matched: result.matched && onTrigger,
    criteria: result.explanation.map(criterionView),
    failures: result.failures,
  };
  if (notes.length > 0) out.note = notes.join('; ');
  if (result.error !== undefined) out.error = result.error;
  if (result.parameters && out.matched) {
    const runner = action ? input.runnerSchemas.get(action.runnerType)?.parameters : undefined;
    out.parameters = maskSecrets(result.parameters, mergeParameterSpecs(runner ?? {}, action?.parameters ?? {}));
  }
  return maskStrings(out, input.secrets) as RuleExplanation;
}

/** The explanations, in the order the rule set holds the rules. */
export function explainInstance(input: ExplainInput): RuleExplanation[] {
  const rules = input.rule ? [input.rule] : rulesOfTrigger(input.ruleSet, input.instance.trigger);
  return rules.map((rule) => explainRule(input, rule));
}
