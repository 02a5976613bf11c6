// The types every stage shares: the validated pack models, the rule set, webhook options, the trigger
// processor hand-over, and the default settings. Types and plain values only, no code: any stage may import them.
export type * from './pack.ts';
export type * from './ruleset.ts';
export type * from './webhook.ts';
export type * from './processor.ts';
export type * from './status.ts';
export { DEFAULT_HOST, DEFAULT_PORT, DEFAULT_STORE, DEFAULT_TOKEN_TTL_SECONDS } from './defaults.ts';
export type { ServerLimits, LimitOption } from './limits.ts';
export { DEFAULT_LIMITS, LIMIT_OPTIONS } from './limits.ts';
