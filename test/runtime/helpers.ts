// Hand-built rule sets and a running server for the runtime tests (matching is not the runtime's job, so the
// matcher here matches every enabled rule).
import type { FastifyInstance } from 'fastify';
import type {
  Matcher,
  RuleSet,
  TriggerEntry,
  RuleModel,
  TriggerTypeModel,
  TriggerInstanceSubmission,
} from '../../src/model/index.ts';
import { openStore } from '../../src/store/index.ts';
import type { Store } from '../../src/store/index.ts';
import { createServer } from '../../src/runtime/index.ts';
import type { ServerOptions } from '../../src/runtime/index.ts';

const noSource = { file: '', span: () => undefined, keySpan: () => undefined, scalarOffset: () => undefined };

export function rule(
  ref: string,
  trigger: { type: string; parameters?: Record<string, unknown> },
  enabled = true,
): RuleModel {
  const [pack = 'test', name = ref] = ref.split('.');
  return {
    ref,
    pack,
    name,
    uid: `rule:${pack}:${name}`,
    enabled,
    trigger: { type: trigger.type, parameters: trigger.parameters ?? {} },
    criteria: [],
    action: { ref: 'core.noop', parameters: {} },
    kind: 'standard',
    metadataFile: `rules/${name}.yaml`,
    file: `/packs/${pack}/rules/${name}.yaml`,
    source: noSource,
    hash: 'x',
  };
}

export const matchAll = (rules: readonly RuleModel[]): Matcher => ({
  rules,
  match: () => ({ matched: rules.filter((r) => r.enabled), failures: [] }),
});

export function triggerType(
  ref: string,
  payloadSchema: Record<string, unknown> = {},
  parametersSchema: Record<string, unknown> = {},
  system = false,
): TriggerTypeModel {
  const [pack = 'test', name = ref] = ref.split('.');
  return { ref, pack, name, payloadSchema, parametersSchema, system, file: '' };
}

const WEBHOOK_TYPE = triggerType(
  'core.st2.webhook',
  { type: 'object' },
  { type: 'object', properties: { url: { type: 'string', required: true } }, additionalProperties: false },
  true,
);

/** Builds a RuleSet: webhook rules grouped per identical parameters under `url.strip('/')`. */
export function ruleSet(rules: RuleModel[], triggerTypes: TriggerTypeModel[] = [], generation = 1): RuleSet {
  const webhooks = new Map<string, TriggerEntry[]>();
  const triggers = new Map<string, TriggerEntry>();
  const byParams = new Map<string, RuleModel[]>();
  for (const r of rules) {
    if (r.trigger.type === 'core.st2.webhook') {
      const key = JSON.stringify(r.trigger.parameters);
      byParams.set(key, [...(byParams.get(key) ?? []), r]);
    }
  }
  let n = 0;
  for (const [key, group] of byParams) {
    const parameters = JSON.parse(key) as { url: string };
    const url = parameters.url.replace(/^\/+|\/+$/g, '');
    n += 1;
    const entry: TriggerEntry = {
      type: 'core.st2.webhook',
      parameters,
      ref: `core.00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      rules: group,
      matcher: matchAll(group),
    };
    webhooks.set(url, [...(webhooks.get(url) ?? []), entry]);
  }
  const types = new Map<string, TriggerTypeModel>([
    [WEBHOOK_TYPE.ref, WEBHOOK_TYPE],
    ...triggerTypes.map((t) => [t.ref, t] as const),
  ]);
  for (const t of triggerTypes) {
    const group = rules.filter((r) => r.trigger.type === t.ref);
    triggers.set(t.ref, { type: t.ref, parameters: {}, ref: t.ref, rules: group, matcher: matchAll(group) });
  }
  return {
    generation,
    packs: new Map(),
    rules: new Map(rules.map((r) => [r.ref, r])),
    actions: new Map(),
    triggerTypes: types,
    webhooks,
    triggers,
  };
}

export interface TestServer {
  url: string;
  app: FastifyInstance;
  store: Store;
  submitted: TriggerInstanceSubmission[];
  close(): Promise<void>;
}

/** A real server on 127.0.0.1:0 with an in-memory store and a recording processor. */
export async function startServer(rs: RuleSet, overrides: Partial<ServerOptions> = {}): Promise<TestServer> {
  const store = overrides.store ?? openStore(':memory:');
  const submitted: TriggerInstanceSubmission[] = [];
  const app = await createServer({
    ruleSet: () => rs,
    store,
    processor: { submit: (i) => submitted.push(i) },
    auth: { enabled: false },
    logger: false,
    ...overrides,
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    app,
    store,
    submitted,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

export const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
