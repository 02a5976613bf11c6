// Public surface of the ruleset stage.
export { buildRuleSet, sameRules, triggerRef, WEBHOOK_TRIGGER_TYPE } from './build.ts';
export type { BuildRuleSetOptions, RuleSetInput } from './build.ts';
export { resolveTrigger } from './resolve-trigger.ts';
