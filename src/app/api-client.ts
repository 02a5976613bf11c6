// The CLI's HTTP side: base URL and API key resolution, GET with StackStorm's auth header, plain-text tables.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

export interface ApiFlags {
  url?: string;
  json?: boolean;
}

/** Thrown for API and connection errors: the command prints the message and exits with 1. */
export class ApiError extends Error {}

/**
 * The `api` section of the config file (RULES_CONFIG, else ~/.config/rules/config.yaml; the same file
 * `rules serve --config` reads): `api: {url: http://host:9101, key: <API key>}`. Like st2's ~/.st2/config,
 * so a key need not sit in the shell's environment or history. A missing file is no error.
 */
export function apiConfig(env: NodeJS.ProcessEnv = process.env): { url?: string; key?: string } {
  const path = env['RULES_CONFIG'] ?? join(env['HOME'] ?? homedir(), '.config', 'rules', 'config.yaml');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return {};
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    throw new ApiError(`config file ${path}: ${(error as Error).message}`);
  }
  const api =
    doc !== null && typeof doc === 'object' && Object.hasOwn(doc, 'api') ? (doc as { api: unknown }).api : undefined;
  if (api === null || typeof api !== 'object') return {};
  const { url, key } = api as { url?: unknown; key?: unknown };
  return { ...(typeof url === 'string' ? { url } : {}), ...(typeof key === 'string' ? { key } : {}) };
}

/** `--url`, else RULES_URL, else the config file's `api.url`, else the default listen address. */
export function apiBase(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return (flag ?? env['RULES_URL'] ?? apiConfig(env).url ?? 'http://127.0.0.1:9101').replace(/\/+$/, '');
}

/** GET `path` with `St2-Api-Key` from RULES_API_KEY (else the config file's `api.key`); undefined query values are not sent. */
export function apiGet(
  base: string,
  path: string,
  query: Record<string, string | undefined> = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<unknown> {
  return apiCall('GET', base, path, query, undefined, env);
}

/** POST `body` as JSON to `path`, authenticated as apiGet. */
export function apiPost(
  base: string,
  path: string,
  body: unknown,
  query: Record<string, string | undefined> = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<unknown> {
  return apiCall('POST', base, path, query, body, env);
}

async function apiCall(
  method: 'GET' | 'POST',
  base: string,
  path: string,
  query: Record<string, string | undefined>,
  payload: unknown,
  env: NodeJS.ProcessEnv,
): Promise<unknown> {
  const url = new URL(`${base}${path}`);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, v);
  const headers: Record<string, string> = { accept: 'application/json' };
  const key = env['RULES_API_KEY'] ?? apiConfig(env).key;
  if (key) headers['St2-Api-Key'] = key;
  if (payload !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      ...(payload !== undefined ? { body: JSON.stringify(payload) } : {}),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new ApiError(
      `cannot reach ${base}: ${(error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message}`,
    );
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: reported as text below.
  }
  if (!response.ok) {
    const fault =
      body !== null && typeof body === 'object' && Object.hasOwn(body, 'faultstring')
        ? String((body as { faultstring: unknown }).faultstring)
        : text;
    throw new ApiError(`${response.status}: ${fault}`);
  }
  return body;
}

/** Dotted lookup for table cells: `cell(e, 'action.ref')`. */
export function cell(row: unknown, path: string): string {
  let value: unknown = row;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) return '';
    value = (value as Record<string, unknown>)[part];
  }
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A plain-text table with a header row and `+---+` rules, like st2's CLI. */
export function table(rows: readonly unknown[], columns: readonly string[]): string {
  const cells = rows.map((r) => columns.map((c) => cell(r, c).replace(/\s+/g, ' ')));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]?.length ?? 0)));
  const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const line = (values: readonly string[]) => `| ${values.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [rule, line(columns), rule, ...cells.map(line), rule].join('\n') + '\n';
}

/** `field: value` lines for one record; multi-line strings are indented under their field. */
export function details(record: unknown, fields: readonly string[]): string {
  const out: string[] = [];
  for (const field of fields) {
    const value = cell(record, field);
    if (value.includes('\n')) out.push(`${field}:`, ...value.split('\n').map((l) => `  ${l}`));
    else out.push(`${field}: ${value}`);
  }
  return out.join('\n') + '\n';
}

export function print(text: string): void {
  process.stdout.write(text);
}
