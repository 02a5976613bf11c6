// The console's only way to the server: fetch with the API key in the St2-Api-Key header. The key is pasted once,
// kept in sessionStorage (gone when the tab closes), and never put into a URL, where logs and history keep it.
const KEY = 'rules.console.apiKey';

export class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export function storedKey(): string | null {
  return sessionStorage.getItem(KEY);
}

export function storeKey(key: string): void {
  sessionStorage.setItem(KEY, key);
}

export function forgetKey(): void {
  sessionStorage.removeItem(KEY);
}

/** Called on every 401: the key is wrong or was revoked, so the login form comes back. */
let onUnauthorized: (message: string) => void = () => undefined;
export function whenUnauthorized(handler: (message: string) => void): void {
  onUnauthorized = handler;
}

async function request<T>(method: string, path: string, body?: unknown, key = storedKey()): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (key) headers['St2-Api-Key'] = key;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'omit',
    cache: 'no-store',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  let data: unknown = text;
  try {
    data = JSON.parse(text);
  } catch {
    // Not JSON: the text is the message.
  }
  if (!response.ok) {
    const fault = data !== null && typeof data === 'object' && 'faultstring' in data ? String(data.faultstring) : text;
    if (response.status === 401) onUnauthorized(fault);
    throw new ApiError(response.status, `${response.status}: ${fault}`);
  }
  return data as T;
}

/** `GET path?query` (undefined and empty values left out). */
export function get<T>(path: string, query: Record<string, string | undefined> = {}): Promise<T> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, v);
  const qs = params.toString();
  return request<T>('GET', qs ? `${path}?${qs}` : path);
}

export function post<T>(path: string, body: unknown): Promise<T> {
  return request<T>('POST', path, body);
}

/** Whether `key` (or no key: a server run with --no-auth) is accepted. */
export async function check(key: string | null): Promise<boolean> {
  try {
    await request('GET', '/v1/status', undefined, key);
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return false;
    throw error;
  }
}

export const enc = encodeURIComponent;

// ---- API shapes (the fields the console reads) ----

export interface Diagnostic {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  hint?: string;
  file: string;
  line: number;
  column: number;
}

export interface Status {
  generation: number;
  watch: boolean;
  last_reload: string | null;
  last_reload_ms: number | null;
  result: 'ok' | 'partial' | null;
  rules: number;
  webhooks: number;
  files: Record<string, { state: 'ok' | 'stale' | 'error'; diagnostics: Diagnostic[] }>;
}

export interface Activity {
  since: string;
  trigger_instances: { received: number; matched: number };
  enforcements: Record<string, number>;
  executions: Record<string, number>;
}

export interface Webhook {
  ref: string;
  type: string;
  parameters: { url?: string };
}

export interface TriggerInstance {
  id: string;
  trigger: string;
  payload: unknown;
  occurrence_time: string;
  status: string;
}

export interface Enforcement {
  id: string;
  trigger_instance_id: string;
  execution_id?: string;
  rule: { ref: string };
  enforced_at: string;
  status: string;
  failure_reason?: string;
}

export interface Execution {
  id: string;
  action: { ref: string; runner_type: string };
  rule?: { ref: string };
  trigger_instance?: { id: string };
  parameters: Record<string, unknown>;
  status: string;
  start_timestamp: string;
  end_timestamp?: string;
  elapsed_seconds?: number;
  result: Record<string, unknown>;
  context: Record<string, unknown>;
  log: Array<{ status: string; timestamp: string }>;
}

export interface Rule {
  ref: string;
  enabled: boolean;
  trigger: { type: string; parameters: Record<string, unknown> };
  action: { ref: string };
}

export interface Criterion {
  key: string;
  operator: string | null;
  missing?: true;
  value_repr: string;
  pattern_repr?: string;
  result: boolean;
  error?: string;
  location: string;
  children?: Criterion[][];
}

export interface RuleExplanation {
  rule: string;
  file: string;
  enabled: boolean;
  action: string;
  matched: boolean;
  criteria: Criterion[];
  failures: string[];
  note?: string;
  error?: string;
  parameters?: Record<string, unknown>;
}

export interface Explanation {
  trigger_instance: { id: string; trigger: string; occurrence_time: string; status: string };
  generation: number;
  rules: RuleExplanation[];
}
