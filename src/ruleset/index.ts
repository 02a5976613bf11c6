// Public surface of the ruleset stage.
export { buildRuleSet, normaliseUrl, triggerRef, WEBHOOK_TRIGGER_TYPE } from './build.ts';
export type { RuleSetInput } from './build.ts';
export type { RuleSet, TriggerEntry, Matcher, MatchResult, MatchOptions, MatchFailure } from './types.ts';
