// Action parameter rendering as StackStorm's render_live_params (spec §5.2): templates rendered to text
// with the trigger, action_context, config_context, st2kv and the other parameters as context (in
// dependency order), templated schema defaults added, then each value cast by its schema type.
import type { ParameterSpec } from '../model/index.ts';
import { PyFloat, isDict, isPyError, setOwn } from '../python/index.ts';
import { compileTemplate, DatastoreScope, NONE_MAGIC_VALUE } from '../template/index.ts';
import type { Template } from '../template/index.ts';
import { castParameter } from './cast.ts';

export interface RenderActionParametersInput {
  ruleParameters: Record<string, unknown>;
  actionParameters: Record<string, ParameterSpec>;
  runnerParameters: Record<string, ParameterSpec>;
  context: {
    trigger: unknown;
    action_context: Record<string, unknown>;
    config_context: Record<string, unknown>;
    datastore: { system: Record<string, unknown>; user: Record<string, unknown> };
  };
}

export type RenderActionParametersResult =
  { ok: true; parameters: Record<string, unknown> } | { ok: false; kind: 'render' | 'cast'; error: string };

const CONTEXT_NAMES = ['trigger', 'action_context', 'config_context', 'st2kv'];
const BARE_NAME = /^\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}$/;

function isTemplate(s: string): boolean {
  return s.includes('{{') || s.includes('{%');
}

/** A parameter's value as a render plan: literal, text template, or a structure with template leaves. */
type Plan =
  | { kind: 'literal'; value: unknown }
  | { kind: 'template'; template: Template }
  | { kind: 'bare'; name: string }
  | { kind: 'list'; items: Plan[] }
  | { kind: 'dict'; entries: Array<[string, Plan]> };

class RenderFailure extends Error {}

function plan(value: unknown, nested: boolean, deps: Set<string>, name: string): Plan {
  if (typeof value === 'string') {
    if (!isTemplate(value)) return { kind: 'literal', value };
    // Inside lists and dicts only the exact form "{{name}}" keeps the referenced parameter's type.
    const bare = nested ? BARE_NAME.exec(value) : null;
    if (bare?.[1] && !CONTEXT_NAMES.includes(bare[1])) {
      deps.add(bare[1]);
      return { kind: 'bare', name: bare[1] };
    }
    const compiled = compileTemplate(value);
    if (!compiled.value)
      throw new RenderFailure(
        `Failed to render parameter "${name}": ${compiled.diagnostics[0]?.message ?? 'template error'}`,
      );
    for (const read of compiled.value.reads) {
      const root = read.split('.')[0] ?? '';
      if (!CONTEXT_NAMES.includes(root)) deps.add(root);
    }
    return { kind: 'template', template: compiled.value };
  }
  if (Array.isArray(value)) return { kind: 'list', items: value.map((v) => plan(v, true, deps, name)) };
  if (isDict(value))
    return { kind: 'dict', entries: Object.keys(value).map((k) => [k, plan(value[k], true, deps, name)]) };
  return { kind: 'literal', value };
}

function run(p: Plan, ctx: Record<string, unknown>): unknown {
  switch (p.kind) {
    case 'literal':
      return p.value;
    case 'template':
      return p.template.render(ctx);
    case 'bare':
      return ctx[p.name];
    case 'list':
      return p.items.map((i) => run(i, ctx));
    case 'dict': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of p.entries) setOwn(out, k, run(v, ctx));
      return out;
    }
  }
}

function jsonLike(v: unknown): unknown {
  if (v instanceof PyFloat) return v.value;
  if (Array.isArray(v)) return v.map(jsonLike);
  if (isDict(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) setOwn(out, k, jsonLike(v[k]));
    return out;
  }
  return v;
}

/** Renders and casts a rule's action parameters; errors carry StackStorm's messages. */
export function renderActionParameters(input: RenderActionParametersInput): RenderActionParametersResult {
  const schema: Record<string, ParameterSpec> = { ...input.runnerParameters, ...input.actionParameters };
  const values: Record<string, unknown> = { ...input.ruleParameters };
  for (const [name, spec] of Object.entries(schema)) {
    if (
      !Object.hasOwn(values, name) &&
      typeof spec.default === 'string' &&
      isTemplate(spec.default) &&
      spec.immutable !== true
    )
      values[name] = spec.default;
  }

  const plans = new Map<string, { plan: Plan; deps: Set<string> }>();
  try {
    for (const [name, value] of Object.entries(values)) {
      const deps = new Set<string>();
      plans.set(name, { plan: plan(value, false, deps, name), deps });
    }
  } catch (err) {
    if (err instanceof RenderFailure) return { ok: false, kind: 'render', error: err.message };
    throw err;
  }
  for (const [name, { deps }] of plans) {
    for (const d of deps)
      if (!plans.has(d)) return { ok: false, kind: 'render', error: `Dependency unsatisfied in variable "${d}"` };
    void name;
  }

  // Topological order; a cycle is StackStorm's ParamException.
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string): string | undefined => {
    if (state.get(name) === 'done') return undefined;
    if (state.get(name) === 'visiting') return name;
    state.set(name, 'visiting');
    for (const d of plans.get(name)?.deps ?? []) {
      const cyc = visit(d);
      if (cyc) return cyc;
    }
    state.set(name, 'done');
    order.push(name);
    return undefined;
  };
  for (const name of plans.keys()) {
    const cyc = visit(name);
    if (cyc)
      return {
        ok: false,
        kind: 'render',
        error: `Cyclic dependency found in the following variables: ${cyc}. Likely the variable is referencing itself`,
      };
  }

  const ctx: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  Object.assign(ctx, {
    trigger: input.context.trigger,
    action_context: input.context.action_context,
    config_context: input.context.config_context,
    st2kv: {
      system: new DatastoreScope(input.context.datastore.system),
      user: new DatastoreScope(input.context.datastore.user),
    },
  });
  const rendered: Record<string, unknown> = {};
  for (const name of order) {
    const p = plans.get(name);
    if (!p) continue;
    try {
      setOwn(rendered, name, run(p.plan, ctx));
    } catch (err) {
      if (isPyError(err))
        return { ok: false, kind: 'render', error: `Failed to render parameter "${name}": ${err.message}` };
      throw err;
    }
    setOwn(ctx, name, rendered[name]);
  }

  const parameters: Record<string, unknown> = {};
  for (const name of Object.keys(values)) {
    const v = rendered[name];
    const spec = Object.hasOwn(schema, name) ? schema[name] : undefined;
    try {
      setOwn(parameters, name, jsonLike(spec ? castParameter(v, spec.type) : v === NONE_MAGIC_VALUE ? null : v));
    } catch (err) {
      if (isPyError(err)) return { ok: false, kind: 'cast', error: err.message };
      throw err;
    }
  }
  return { ok: true, parameters };
}
