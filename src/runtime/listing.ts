// `GET /v1/webhooks` (spec §1.9): every webhook Trigger as StackStorm's TriggerAPI dict, in hook order.
import { createHash } from 'node:crypto';
import { jsonDumps } from '../python/index.ts';
import type { RuleSet, TriggerEntry } from '../model/index.ts';

export interface TriggerView {
  id: string;
  name: string;
  pack: string;
  type: string;
  parameters: Record<string, unknown>;
  ref: string;
  uid: string;
}

/** `trigger:<pack>:<name>:<md5 of json.dumps(parameters, sort_keys=True)>` (TriggerDB.get_uid). */
export function triggerView(entry: TriggerEntry): TriggerView {
  const dot = entry.ref.indexOf('.');
  const pack = dot === -1 ? 'core' : entry.ref.slice(0, dot);
  const name = dot === -1 ? entry.ref : entry.ref.slice(dot + 1);
  const md5 = createHash('md5')
    .update(jsonDumps(entry.parameters, { sortKeys: true }))
    .digest('hex');
  // No database ids here: a stable 24-hex id derived from the ref keeps `id` usable across restarts.
  const id = createHash('sha1').update(entry.ref).digest('hex').slice(0, 24);
  return {
    id,
    name,
    pack,
    type: entry.type,
    parameters: entry.parameters,
    ref: entry.ref,
    uid: `trigger:${pack}:${name}:${md5}`,
  };
}

export function listWebhooks(ruleSet: RuleSet): TriggerView[] {
  return [...ruleSet.webhooks.values()].flatMap((entries) => entries.map(triggerView));
}

/** The first Trigger of a normalised url, or undefined (404 `Unhandled exception`). */
export function getWebhook(ruleSet: RuleSet, url: string): TriggerView | undefined {
  const first = ruleSet.webhooks.get(url)?.[0];
  return first ? triggerView(first) : undefined;
}
