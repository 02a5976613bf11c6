// The immutable rule set the runtime serves: built once per compile (or reload), swapped atomically.
import type { ActionModel, PackModel, RuleModel, TriggerTypeModel } from './pack.ts';
import type { ReloadStatus } from './status.ts';
import type { WebhookOptions } from './webhook.ts';

/** A failed criterion, recorded as a failed rule enforcement with StackStorm's wording (spec §4.1). */
export interface MatchFailure {
  rule: RuleModel;
  /** `Failed to match rule "<ref>" against trigger instance "<id>": <reason>: <exception text>` */
  reason: string;
}

export interface MatchResult {
  /** Matching rules in evaluation order; backstop rules only when no standard rule matched. */
  matched: RuleModel[];
  failures: MatchFailure[];
}

export interface MatchOptions {
  /** Used in failure reasons. */
  triggerInstanceId: string;
  /** Datastore lookups for `st2kv.system.*` / `system.*` in patterns. */
  datastore?: { system: Record<string, unknown>; user?: Record<string, unknown> };
}

/** All enabled rules of one Trigger (one webhook url spelling, or one trigger type), compiled together. */
export interface Matcher {
  readonly rules: readonly RuleModel[];
  match(payload: unknown, options: MatchOptions): MatchResult;
  /** The generated JavaScript, when the matcher is compiled (for `rules compile --emit`). */
  readonly source?: string;
}

/**
 * A StackStorm Trigger: a trigger type plus one parameters dict. Rules with identical parameters share it;
 * `url: sample` and `url: /sample/` are two Triggers under one hook (spec §1.10).
 */
export interface TriggerEntry {
  /** `core.st2.webhook` for webhooks, else the trigger type ref. */
  type: string;
  parameters: Record<string, unknown>;
  /** Stable id: `core.<uuid derived from type+parameters>` for parameterised types, else the type ref. */
  ref: string;
  /** Every rule referencing this Trigger, enabled or not (a disabled rule still keeps a url alive). */
  rules: readonly RuleModel[];
  matcher: Matcher;
}

export interface RuleSet {
  /** Increases by one on every swap. */
  readonly generation: number;
  readonly packs: ReadonlyMap<string, PackModel>;
  readonly rules: ReadonlyMap<string, RuleModel>;
  readonly actions: ReadonlyMap<string, ActionModel>;
  readonly triggerTypes: ReadonlyMap<string, TriggerTypeModel>;
  /** Normalised url (`url.strip('/')`) → Triggers in registration order. */
  readonly webhooks: ReadonlyMap<string, readonly TriggerEntry[]>;
  /** Trigger type ref → the Trigger of parameterless types (rules fired via the generic `st2` webhook). */
  readonly triggers: ReadonlyMap<string, TriggerEntry>;
  /** Normalised url → its webhook options (packs/<pack>/webhooks/*.yaml); absent = StackStorm's behaviour everywhere. */
  readonly webhookOptions?: ReadonlyMap<string, WebhookOptions>;
  /** The hot reload that built it (GET /v1/status); absent without --watch. */
  readonly status?: ReloadStatus;
}
