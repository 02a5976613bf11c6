// AST -> JavaScript render function, through the quoting builder. A template that is one path
// (`{{ trigger.body.key1 }}`) becomes straight own-property reads.
import type { Expr, Stmt } from './ast.ts';
import { Code, Scope, _, join } from '../codegen/index.ts';
import { runtime } from './runtime.ts';
import { globals } from './env.ts';
import { isDictMethod } from './methods.ts';
import { filters } from './filters/index.ts';

type Frame = Map<string, Code>;

class Generator {
  readonly consts: unknown[] = [];
  readonly temps: Code[] = [];
  readonly names = new Scope();
  readonly frames: Frame[] = [new Map<string, Code>()];

  local(name: string): Code | undefined {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const v = this.frames[i]?.get(name);
      if (v) return v;
    }
    return undefined;
  }

  temp(): Code {
    const t = this.names.name('t');
    this.temps.push(t);
    return t;
  }

  constant(v: unknown): Code {
    if (v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)))
      return _`${v}`;
    this.consts.push(v);
    return new Code(`k[${this.consts.length - 1}]`);
  }

  kwargs(kw: Array<{ name: string; value: Expr }>): Code {
    return _`{${join(kw.map((k) => _`${k.name}: ${this.expr(k.value)}`))}}`;
  }

  expr(e: Expr): Code {
    switch (e.type) {
      case 'const':
        return this.constant(e.value);
      case 'name':
        return this.local(e.name) ?? _`rt.ctx(ctx, ${e.name})`;
      case 'getattr':
        return _`rt.getattr(${this.expr(e.obj)}, ${e.attr})`;
      case 'getitem':
        return _`rt.getitem(${this.expr(e.obj)}, ${this.expr(e.index)})`;
      case 'slice':
        return _`rt.slice(${this.expr(e.obj)}, ${e.lower ? this.expr(e.lower) : _`null`}, ${e.upper ? this.expr(e.upper) : _`null`}, ${e.step ? this.expr(e.step) : _`null`})`;
      case 'call': {
        const args = _`[${join(e.args.map((a) => this.expr(a)))}]`;
        if (e.callee.type === 'name' && !this.local(e.callee.name) && Object.hasOwn(globals, e.callee.name)) {
          return _`(Object.hasOwn(ctx, ${e.callee.name}) ? rt.call(ctx[${e.callee.name}], ${args}, ${this.kwargs(e.kwargs)}) : rt.globals[${e.callee.name}](${args}, ${this.kwargs(e.kwargs)}))`;
        }
        return _`rt.call(${this.expr(e.callee)}, ${args}, ${this.kwargs(e.kwargs)})`;
      }
      case 'filter': {
        // The definition is resolved once, at compile time (the checker has vouched for the name).
        const def = filters.get(e.name);
        if (!def)
          return _`rt.filter(${e.name}, ${this.expr(e.node)}, [${join(e.args.map((a) => this.expr(a)))}], ${this.kwargs(e.kwargs)})`;
        const ref = this.constant(def);
        if (e.kwargs.length === 0)
          return _`rt.filterDef(${ref}, ${this.expr(e.node)}, [${join(e.args.map((a) => this.expr(a)))}])`;
        return _`rt.filterWith(${ref}, ${this.expr(e.node)}, [${join(e.args.map((a) => this.expr(a)))}], ${this.kwargs(e.kwargs)})`;
      }
      case 'test': {
        const t = _`rt.test(${e.name}, ${this.expr(e.node)}, [${join(e.args.map((a) => this.expr(a)))}])`;
        return e.negated ? _`!${t}` : t;
      }
      case 'binop':
        return _`rt.binop(${e.op}, ${this.expr(e.left)}, ${this.expr(e.right)})`;
      case 'unary':
        return _`rt.unary(${e.op}, ${this.expr(e.operand)})`;
      case 'not':
        return _`!rt.truthy(${this.expr(e.operand)})`;
      case 'and': {
        const t = this.temp();
        return _`(rt.truthy(${t} = ${this.expr(e.left)}) ? ${this.expr(e.right)} : ${t})`;
      }
      case 'or': {
        const t = this.temp();
        return _`(rt.truthy(${t} = ${this.expr(e.left)}) ? ${t} : ${this.expr(e.right)})`;
      }
      case 'compare': {
        let left = this.expr(e.first);
        const parts: Code[] = [];
        for (const { op, expr } of e.ops) {
          const t = this.temp();
          parts.push(_`rt.compare(${op}, ${left}, ${t} = ${this.expr(expr)})`);
          left = t;
        }
        return _`(${join(parts, ' && ')})`;
      }
      case 'cond':
        return _`(rt.truthy(${this.expr(e.test)}) ? ${this.expr(e.then)} : ${e.else ? this.expr(e.else) : _`rt.noElse()`})`;
      case 'list':
        return _`[${join(e.items.map((i) => _`rt.use(${this.expr(i)})`))}]`;
      case 'tuple':
        return _`rt.tuple([${join(e.items.map((i) => _`rt.use(${this.expr(i)})`))}])`;
      case 'dict':
        return _`rt.dict([${join(e.pairs.map((p) => _`[${this.expr(p.key)}, ${this.expr(p.value)}]`))}])`;
    }
  }

  /** Declares the `set` targets of a frame (not inside nested loops, which are frames of their own). */
  declareSets(body: Stmt[], frame: Frame, out: Code[]): void {
    for (const s of body) {
      if (s.type === 'set') {
        for (const t of s.targets) {
          if (!frame.has(t)) {
            const v = this.names.name('v');
            frame.set(t, v);
            out.push(_`let ${v} = rt.undefinedName(${t});`);
          }
        }
      } else if (s.type === 'if') {
        s.branches.forEach((b) => this.declareSets(b.body, frame, out));
        if (s.else) this.declareSets(s.else, frame, out);
      } else if (s.type === 'for' && s.else) this.declareSets(s.else, frame, out);
    }
  }

  assign(targets: string[], value: Code): Code {
    if (targets.length === 1) return _`${this.local(targets[0] ?? '') ?? new Code('void 0')} = rt.use(${value});`;
    const t = this.temp();
    return join(
      [
        _`${t} = rt.unpack(${value}, ${targets.length});`,
        ...targets.map((n, i) => _`${this.local(n) ?? new Code('void 0')} = ${t}[${i}];`),
      ],
      ' ',
    );
  }

  stmts(body: Stmt[]): Code {
    return join(
      body.map((s) => this.stmt(s)),
      '\n',
    );
  }

  stmt(s: Stmt): Code {
    switch (s.type) {
      case 'text':
        return _`o += ${s.text};`;
      case 'output':
        return _`o += rt.toText(${this.expr(s.expr)});`;
      case 'set':
        return this.assign(s.targets, this.expr(s.expr));
      case 'if': {
        const parts = s.branches.map(
          (b, i) => _`${new Code(i ? ' else if' : 'if')} (rt.truthy(${this.expr(b.test)})) {\n${this.stmts(b.body)}\n}`,
        );
        if (s.else) parts.push(_` else {\n${this.stmts(s.else)}\n}`);
        return join(parts, '');
      }
      case 'for': {
        const items = this.names.name('items');
        const i = this.names.name('i');
        const iter = this.expr(s.iter);
        const frame: Frame = new Map();
        const decls: Code[] = [];
        for (const t of [...s.targets, 'loop']) {
          const v = this.names.name('v');
          frame.set(t, v);
          decls.push(_`let ${v};`);
        }
        this.frames.push(frame);
        const loopVar = frame.get('loop') ?? new Code('void 0');
        let filter = _``;
        if (s.filter) {
          const item = this.names.name('item');
          filter = _`${items} = ${items}.filter((${item}) => { ${join(decls, ' ')} ${this.assign(s.targets, item)} return rt.truthy(${this.expr(s.filter)}); });`;
        }
        this.declareSets(s.body, frame, decls);
        const body = this.stmts(s.body);
        const bind = this.assign(s.targets, _`${items}[${i}]`);
        this.frames.pop();
        const otherwise = s.else ? this.stmts(s.else) : _``;
        return _`{ let ${items} = [...rt.iterate(${iter})]; ${filter}
if (${items}.length === 0) { ${otherwise} } else for (let ${i} = 0; ${i} < ${items}.length; ${i}++) {
rt.tick(st, o); ${join(decls, ' ')} ${loopVar} = rt.loop(${items}, ${i}); ${bind}
${body}
} }`;
      }
    }
  }
}

/** Attribute names that a plain own-property read may serve: not a dict method (Jinja prefers those). */
function isPlainAttr(name: string): boolean {
  return !isDictMethod(name);
}

/** `{{ a.b.c }}` alone: the path, or undefined when the template is anything else. */
function singlePath(body: Stmt[]): { root: string; attrs: string[] } | undefined {
  const only = body[0];
  if (body.length !== 1 || only?.type !== 'output') return undefined;
  const attrs: string[] = [];
  let e = only.expr;
  while (e.type === 'getattr') {
    if (!isPlainAttr(e.attr)) return undefined;
    attrs.unshift(e.attr);
    e = e.obj;
  }
  return e.type === 'name' ? { root: e.name, attrs } : undefined;
}

export type RenderFn = (ctx: Readonly<Record<string, unknown>>) => string;

/** Generated source of the render function (for tests and `--explain`). */
export function generateSource(body: Stmt[]): { source: string; consts: unknown[] } {
  const path = singlePath(body);
  if (path) {
    // Straight own-property reads; anything unusual (a list, a missing key, undefined) takes the general path.
    const steps = path.attrs.map(
      (a) =>
        _`if (v !== null && typeof v === 'object' && !Array.isArray(v) && rt.isDict(v) && Object.hasOwn(v, ${a})) v = v[${a}]; else v = rt.getattr(v, ${a});`,
    );
    const src = _`let v = Object.hasOwn(ctx, ${path.root}) ? ctx[${path.root}] : rt.undefinedName(${path.root});
${join(steps, '\n')}
return typeof v === 'string' ? v : rt.toText(v);`;
    return { source: `return function render(ctx) {\n${src.code}\n};`, consts: [] };
  }
  const g = new Generator();
  const decls: Code[] = [];
  g.declareSets(body, g.frames[0] ?? new Map<string, Code>(), decls);
  const code = g.stmts(body);
  const temps = g.temps.length ? `let ${g.temps.map((t) => t.code).join(', ')};\n` : '';
  return {
    source: `return function render(ctx) {\nlet o = ''; const st = { i: 0 };\n${temps}${join(decls, '\n').code}\n${code.code}\nreturn rt.done(o);\n};`,
    consts: g.consts,
  };
}

/** Compiles the AST to a render function. */
export function generate(body: Stmt[]): RenderFn {
  const { source, consts } = generateSource(body);
  const factory = new Function('rt', 'k', source) as (rt: typeof runtime, k: unknown[]) => RenderFn;
  return factory(runtime, consts);
}
