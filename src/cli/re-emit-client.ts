// The CLI side of issue 8's replay: POST /v1/triggerinstances/<id>/re_emit and the --since parser.
import { ApiError, apiConfig, apiGet } from './api-client.ts';

export async function reEmit(base: string, id: string, env: NodeJS.ProcessEnv = process.env): Promise<{ message: string; trigger_instance: { id: string } }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const key = env['RULES_API_KEY'] ?? apiConfig(env).key;
  if (key) headers['St2-Api-Key'] = key;
  let response: Response;
  try {
    response = await fetch(`${base}/v1/triggerinstances/${encodeURIComponent(id)}/re_emit`, { method: 'POST', headers, signal: AbortSignal.timeout(30_000) });
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

interface Listed { id: string; trigger: string; occurrence_time: string }

/** Instances at or after `since` (optionally of one trigger), oldest first, paging through the list API. */
export async function instancesSince(base: string, since: number, trigger: string | undefined): Promise<Listed[]> {
  const found: Listed[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = (await apiGet(base, '/v1/triggerinstances', { trigger, limit: '100', offset: String(offset) })) as Listed[];
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
