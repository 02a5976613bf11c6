// The types every stage shares: the validated pack models, the rule set, webhook options, the trigger
// processor hand-over. Types only, no code: any stage may import them.
export type * from './pack.ts';
export type * from './ruleset.ts';
export type * from './webhook.ts';
export type * from './processor.ts';
export type * from './status.ts';
