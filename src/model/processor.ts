// The hand-over from the HTTP layer to matching/enforcement: called after the trigger instance is committed,
// never awaited by the response (StackStorm answers 202 before the rules engine sees the instance).
import type { TriggerEntry } from './ruleset.ts';

export interface TriggerInstanceSubmission {
  id: string;
  /** The Trigger of a webhook url or a parameterless type; `{type, ref}` when the rule set has no such Trigger. */
  trigger: TriggerEntry | { type: string; ref: string };
  payload: unknown;
  traceTag: string;
  occurrenceTime: string;
}

export interface TriggerProcessor {
  submit(instance: TriggerInstanceSubmission): void;
}
