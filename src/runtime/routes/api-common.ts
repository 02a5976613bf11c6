// What the read-only API routes of the actions stage share: their options, query parsing, StackStorm views.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RuleSet, ActionModel, RuleModel } from '../../model/index.ts';
import type { EnforcementStore, ExecutionStore } from '../../store/index.ts';

/** A stored trigger instance in StackStorm's API shape. */
export interface TriggerInstanceView {
  id: string;
  trigger: string;
  payload: unknown;
  occurrence_time: string;
  status: string;
}

/** Read access to trigger instances (the runtime's repository, adapted by whoever wires the routes). */
export interface TriggerInstanceReader {
  get(id: string): Promise<TriggerInstanceView | undefined>;
  /** Newest first. */
  list(filter: { trigger?: string; status?: string; limit: number; offset: number }): Promise<TriggerInstanceView[]>;
}

export interface ApiRouteOptions {
  ruleSet: () => RuleSet;
  executions: Pick<ExecutionStore, 'get' | 'list'>;
  enforcements: Pick<EnforcementStore, 'get' | 'list'>;
  triggerInstances?: TriggerInstanceReader;
  /** The webhooks' authentication, run on every route of the plugin (an onRequest hook). */
  authenticate?: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
}

export class QueryError extends Error {}

/** A single string query parameter, read as an own property (the query object is untrusted). */
export function queryString(query: unknown, name: string): string | undefined {
  if (query === null || typeof query !== 'object' || !Object.hasOwn(query, name)) return undefined;
  const value: unknown = (query as Record<string, unknown>)[name];
  if (Array.isArray(value)) {
    const last: unknown = value[value.length - 1];
    return typeof last === 'string' ? last : undefined;
  }
  return typeof value === 'string' ? value : undefined;
}

/** `limit` (default 100, at most 1000) and `offset` (default 0), with StackStorm-like messages. */
export function paging(query: unknown): { limit: number; offset: number } {
  const read = (name: string, fallback: number): number => {
    const raw = queryString(query, name);
    if (raw === undefined || raw === '') return fallback;
    if (!/^\d+$/.test(raw))
      throw new QueryError(`${name === 'limit' ? 'Limit' : 'Offset'}, "${raw}" specified, must be a positive number.`);
    return Number(raw);
  };
  return { limit: Math.min(read('limit', 100), 1000), offset: read('offset', 0) };
}

/**
 * StackStorm's `?exclude_attributes=a,b`: fields left out of each listed record (a list page does not need every
 * payload or result), from the route's own allowed list; another name is StackStorm's 400.
 */
export function excludedAttributes(query: unknown, allowed: readonly string[]): string[] {
  const raw = queryString(query, 'exclude_attributes');
  if (raw === undefined || raw === '') return [];
  const names = raw.split(',').map((n) => n.trim());
  for (const name of names)
    if (!allowed.includes(name))
      throw new QueryError(
        `Invalid or unsupported exclude attribute specified: ${name}. Valid attributes are: ${allowed.join(', ')}`,
      );
  return names;
}

/** Copies of `records` without the `excluded` fields. */
export function without<T extends object>(records: readonly T[], excluded: readonly string[]): Partial<T>[] {
  if (excluded.length === 0) return [...records];
  return records.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !excluded.includes(k))) as Partial<T>);
}

export function fault(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply.code(status).type('application/json').send({ faultstring: message });
}

/** StackStorm's RuleAPI view of a rule. */
export function ruleView(rule: RuleModel): Record<string, unknown> {
  const criteria: Record<string, unknown> = {};
  for (const c of rule.criteria) {
    const spec: Record<string, unknown> = { pattern: c.pattern };
    if (c.type !== undefined) spec['type'] = c.type;
    if (c.condition !== undefined) spec['condition'] = c.condition;
    criteria[c.key] = spec;
  }
  return {
    id: rule.uid,
    ref: rule.ref,
    uid: rule.uid,
    name: rule.name,
    pack: rule.pack,
    description: rule.description ?? '',
    enabled: rule.enabled,
    type: { ref: rule.kind, parameters: {} },
    trigger: { type: rule.trigger.type, parameters: rule.trigger.parameters },
    criteria,
    action: { ref: rule.action.ref, parameters: rule.action.parameters },
    tags: rule.tags ?? [],
    metadata_file: rule.metadataFile,
  };
}

/** StackStorm's ActionAPI view of an action. */
export function actionView(action: ActionModel): Record<string, unknown> {
  return {
    id: action.uid,
    ref: action.ref,
    uid: action.uid,
    name: action.name,
    pack: action.pack,
    description: action.description ?? '',
    enabled: action.enabled,
    runner_type: action.runnerType,
    entry_point: action.entryPoint,
    parameters: action.parameters,
  };
}
