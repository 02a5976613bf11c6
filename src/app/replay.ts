// The CLI side of issue 8's replay: POST /v1/triggerinstances/<id>/re_emit and the --since parser.
import { ApiError, apiConfig, apiGet } from './api-client.ts';
import { normaliseUrl } from '../webhooks/index.ts';

export async function reEmit(
  base: string,
  id: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ message: string; trigger_instance: { id: string } }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const key = env['RULES_API_KEY'] ?? apiConfig(env).key;
  if (key) headers['St2-Api-Key'] = key;
  let response: Response;
  try {
    response = await fetch(`${base}/v1/triggerinstances/${encodeURIComponent(id)}/re_emit`, {
      method: 'POST',
      headers,
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new ApiError(`cannot reach ${base}: ${(error as Error).message}`);
  }
  const text = await response.text();
  if (!response.ok) throw new ApiError(`${response.status}: ${text}`);
  return JSON.parse(text) as { message: string; trigger_instance: { id: string } };
}

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `--since`: an ISO time or a relative age like `90s`, `15m`, `1h`, `7d`; undefined when unreadable. */
export function parseSince(text: string, now = Date.now()): number | undefined {
  const rel = /^(\d+)([smhd])$/.exec(text.trim());
  if (rel) return now - Number(rel[1]) * (UNITS[rel[2] ?? 's'] ?? 1_000);
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

interface Listed {
  id: string;
  trigger: string;
  occurrence_time: string;
}

/**
 * The Trigger refs behind a webhook url (`rules replay --webhook`): instances store their Trigger's ref, not the
 * url, and one url can carry several Triggers (one per trigger type). Compared in the server's normalised form.
 */
export async function webhookTriggerRefs(base: string, url: string): Promise<string[]> {
  const wanted = normaliseUrl(url);
  const hooks = (await apiGet(base, '/v1/webhooks')) as Array<{ ref: string; parameters?: { url?: unknown } }>;
  const refs = hooks
    .filter((h) => typeof h.parameters?.url === 'string' && normaliseUrl(h.parameters.url) === wanted)
    .map((h) => h.ref);
  if (refs.length === 0)
    throw new ApiError(
      `--webhook: no webhook "${url}" is registered on ${base} (see rules webhook list --url ${base})`,
    );
  return refs;
}

/** Instances at or after `since` of any of `triggers` (all when empty), oldest first. */
export async function instancesSinceAny(base: string, since: number, triggers: readonly string[]): Promise<Listed[]> {
  if (triggers.length === 0) return instancesSince(base, since, undefined);
  const all = (await Promise.all(triggers.map((t) => instancesSince(base, since, t)))).flat();
  // Fixed-width UTC ISO times: text order is time order.
  return all.sort((a, b) =>
    a.occurrence_time < b.occurrence_time ? -1 : a.occurrence_time > b.occurrence_time ? 1 : 0,
  );
}

/** Instances at or after `since` (optionally of one trigger), oldest first, paging through the list API. */
export async function instancesSince(base: string, since: number, trigger: string | undefined): Promise<Listed[]> {
  const found: Listed[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = (await apiGet(base, '/v1/triggerinstances', {
      trigger,
      limit: '100',
      offset: String(offset),
    })) as Listed[];
    let older = false;
    for (const row of page) {
      if (Date.parse(row.occurrence_time) >= since) found.push(row);
      else older = true;
    }
    // Newest first: once a page reaches past `since`, the rest is older still.
    if (older || page.length < 100) break;
  }
  return found.reverse();
}
