// Rule-level reference semantics (spec §4.1): disabled never matches, empty criteria always match,
// a falsy payload never matches non-empty criteria, criteria in order ANDed, stopping at the first false.
import { pyTruthy } from '../python/index.ts';
import type { MatchOptions } from '../model/index.ts';
import type { CriterionExplanation, EvalEnv } from './evaluate.ts';
import { evaluateCriterion, makeTemplateContext } from './evaluate.ts';
import type { CompiledCriteria } from './ir.ts';

export interface RuleEvaluation {
  matched: boolean;
  /** Failed-enforcement reasons in StackStorm's wording. */
  failures: string[];
  /** Per evaluated criterion (criteria after the first false are not evaluated, as in st2). */
  explanation: CriterionExplanation[];
  /** Why nothing was evaluated, when that is the case. */
  note?: string;
}

export interface InterpretOptions extends MatchOptions {
  /** Ignore `enabled` (the rule tester forces it true). */
  ignoreEnabled?: boolean;
}

/** Evaluates one compiled rule against a payload with the reference interpreter. */
export function interpretRule(compiled: CompiledCriteria, payload: unknown, options: InterpretOptions): RuleEvaluation {
  const { rule, criteria } = compiled;
  const explanation: CriterionExplanation[] = [];
  if (!rule.enabled && !options.ignoreEnabled)
    return { matched: false, failures: [], explanation, note: 'rule is disabled' };
  if (criteria.length === 0) return { matched: true, failures: [], explanation, note: 'no criteria' };
  if (!pyTruthy(payload))
    return { matched: false, failures: [], explanation, note: 'payload is empty (falsy) and the rule has criteria' };
  const system = options.datastore?.system ?? {};
  const contextFor = makeTemplateContext(system);
  const env: EvalEnv = {
    ruleRef: rule.ref,
    triggerInstanceId: options.triggerInstanceId,
    system,
    templateContext: contextFor,
    failures: [],
  };
  for (const c of criteria) {
    if (!evaluateCriterion(c, 'trigger', payload, env, explanation))
      return { matched: false, failures: env.failures, explanation };
  }
  return { matched: true, failures: env.failures, explanation };
}
