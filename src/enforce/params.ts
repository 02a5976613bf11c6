// Action parameter rendering as StackStorm's render_live_params (spec §5.2): templates rendered to text
// with the trigger, action_context, config_context, st2kv and the other parameters as context (in
// dependency order), templated schema defaults added, then each value cast by its schema type.
import type { ParameterSpec } from '../model/index.ts';
import { PyError, PyFloat, isDict, isPyError, jsonDumps, pyRepr, setOwn } from '../python/index.ts';
import { compileTemplate, DatastoreScope, NONE_MAGIC_VALUE } from '../template/index.ts';
import type { Template } from '../template/index.ts';
import { castParameter } from './cast.ts';

export interface RenderActionParametersInput {
  ruleParameters: Record<string, unknown>;
  /**
   * Values taken as they are, never rendered (a re-run's parameters: what an earlier run was given, trigger data
   * included, must not become a template now). Templated defaults may still read them.
   */
  literalParameters?: Record<string, unknown>;
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
// st2common/util/param.py _render: in the JSON text of a list or dict, a string that is exactly "{{name}}" (no
// spaces, no dots) becomes `{{name | to_complex}}`, so that item keeps the value's type; everything else renders as
// text inside its JSON string.
const BARE_ITEM = /"\{\{([A-z0-9_-]+)\}\}"/g;

function isTemplate(s: string): boolean {
  return s.includes('{{') || s.includes('{%');
}

/**
 * A parameter's value as a render plan: a literal, a text template, or a list/dict rendered as StackStorm's _render
 * does it: JSON-encoded, `"{{name}}"` items made `{{name | to_complex}}`, the whole text rendered, then JSON-decoded.
 */
type Plan =
  | { kind: 'literal'; value: unknown }
  | { kind: 'template'; template: Template }
  | { kind: 'complex'; template: Template };

class RenderFailure extends Error {}

function dependencies(template: Template, deps: Set<string>): void {
  for (const read of template.reads) {
    const root = read.split('.')[0] ?? '';
    if (!CONTEXT_NAMES.includes(root)) deps.add(root);
  }
}

function plan(value: unknown, deps: Set<string>, name: string): Plan {
  const fail = (diagnostics: readonly { message: string }[]): never => {
    throw new RenderFailure(`Failed to render parameter "${name}": ${diagnostics[0]?.message ?? 'template error'}`);
  };
  if (typeof value === 'string') {
    if (!isTemplate(value)) return { kind: 'literal', value };
    const compiled = compileTemplate(value);
    if (!compiled.value) return fail(compiled.diagnostics);
    dependencies(compiled.value, deps);
    return { kind: 'template', template: compiled.value };
  }
  if (!Array.isArray(value) && !isDict(value)) return { kind: 'literal', value };
  // _process: a list or dict whose Python str() holds `{{`/`{%` and parses as a template is one; if it does not
  // parse, it is a plain value.
  const repr = pyRepr(value);
  if (!isTemplate(repr) || !compileTemplate(repr).value) return { kind: 'literal', value };
  const compiled = compileTemplate(jsonDumps(value).replace(BARE_ITEM, '{{$1 | to_complex}}'));
  if (!compiled.value) return fail(compiled.diagnostics);
  dependencies(compiled.value, deps);
  return { kind: 'complex', template: compiled.value };
}

function run(p: Plan, ctx: Record<string, unknown>): unknown {
  switch (p.kind) {
    case 'literal':
      return p.value;
    case 'template':
      return p.template.render(ctx);
    case 'complex': {
      const text = p.template.render(ctx);
      try {
        return JSON.parse(text) as unknown;
      } catch (e) {
        // json.loads of text a value broke (a rendered `"` inside a string): StackStorm's error, a ParamException.
        throw new PyError('JSONDecodeError', (e as Error).message);
      }
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
  const literal = input.literalParameters ?? {};
  const values: Record<string, unknown> = { ...input.ruleParameters, ...literal };
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
      const planned: Plan = Object.hasOwn(literal, name) ? { kind: 'literal', value } : plan(value, deps, name);
      plans.set(name, { plan: planned, deps });
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
