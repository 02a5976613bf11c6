// The CST visitor: turns the parser's concrete syntax tree into the template AST (syntax only; names,
// filters and tests are checked afterwards by check.ts).
import type { CstNode, IToken, CstElement } from 'chevrotain';
import { templateParser, tokens as T } from '../../grammar/template/index.ts';
import type { BinOp, CompareOp, Expr, Kwarg, Stmt } from './ast.ts';
import { parseFloatLiteral, parseInteger, unquoteString } from './literals.ts';

type Children = Record<string, CstElement[] | undefined>;

function nodes(c: Children, key: string): CstNode[] {
  return (c[key] ?? []) as CstNode[];
}
function toks(c: Children, key: string): IToken[] {
  return (c[key] ?? []) as IToken[];
}
function node(c: Children, key: string, i = 0): CstNode {
  const n = nodes(c, key)[i];
  if (!n) throw new Error(`template CST: missing ${key}`);
  return n;
}
function tok(c: Children, key: string): IToken {
  const t = toks(c, key)[0];
  if (!t) throw new Error(`template CST: missing ${key}`);
  return t;
}
function startOf(e: CstElement): number {
  return 'image' in e ? e.startOffset : (e.location?.startOffset ?? 0);
}
function endOf(e: CstElement): number {
  return 'image' in e ? (e.endOffset ?? e.startOffset) + 1 : (e.location?.endOffset ?? 0) + 1;
}
/** Every token of the listed kinds among the children, in source order. */
function opTokens(c: Children, keys: string[]): IToken[] {
  return keys.flatMap((k) => toks(c, k)).sort((a, b) => a.startOffset - b.startOffset);
}

const BaseVisitor = templateParser.getBaseCstVisitorConstructor<unknown, unknown>();

class AstBuilder extends BaseVisitor {
  /** Text of each Text/Raw token after whitespace control; set before each build. */
  texts = new Map<IToken, string>();

  constructor() {
    super();
    this.validateVisitor();
  }

  template(c: Children): Stmt[] {
    return this.elements(node(c, 'elements').children);
  }

  elements(c: Children): Stmt[] {
    const out: Stmt[] = [];
    for (const el of nodes(c, 'element')) {
      const s = this.element(el.children);
      if (s) out.push(s);
    }
    return out;
  }

  element(c: Children): Stmt | undefined {
    const text = toks(c, 'Text')[0] ?? toks(c, 'Raw')[0];
    if (text) {
      const value = this.texts.get(text) ?? '';
      return value === '' ? undefined : { type: 'text', text: value, start: startOf(text), end: endOf(text) };
    }
    for (const key of ['output', 'ifBlock', 'forBlock', 'setStmt'] as const) {
      const n = nodes(c, key)[0];
      if (n) return this[key](n.children, n);
    }
    return undefined;
  }

  output(c: Children, n?: CstNode): Stmt {
    return {
      type: 'output',
      expr: this.tupleExpr(node(c, 'tupleExpr').children, node(c, 'tupleExpr')),
      start: n ? startOf(n) : 0,
      end: n ? endOf(n) : 0,
    };
  }

  ifBlock(c: Children, n?: CstNode): Stmt {
    const branches = [
      {
        test: this.tupleExpr(node(c, 'tupleExpr').children, node(c, 'tupleExpr')),
        body: this.elements(node(c, 'elements').children),
      },
    ];
    for (const e of nodes(c, 'elifClause')) branches.push(this.elifClause(e.children));
    const el = nodes(c, 'elseClause')[0];
    return {
      type: 'if',
      branches,
      else: el ? this.elseClause(el.children) : undefined,
      start: n ? startOf(n) : 0,
      end: n ? endOf(n) : 0,
    };
  }

  elifClause(c: Children): { test: Expr; body: Stmt[] } {
    return {
      test: this.tupleExpr(node(c, 'tupleExpr').children, node(c, 'tupleExpr')),
      body: this.elements(node(c, 'elements').children),
    };
  }

  elseClause(c: Children): Stmt[] {
    return this.elements(node(c, 'elements').children);
  }

  forBlock(c: Children, n?: CstNode): Stmt {
    const el = nodes(c, 'elseClause')[0];
    const or = nodes(c, 'orExpr');
    return {
      type: 'for',
      targets: this.targets(node(c, 'targets').children),
      iter: this.orExpr(node(c, 'orExpr').children),
      filter: or[1] ? this.orExpr(or[1].children) : undefined,
      body: this.elements(node(c, 'elements').children),
      else: el ? this.elseClause(el.children) : undefined,
      start: n ? startOf(n) : 0,
      end: n ? endOf(n) : 0,
    };
  }

  targets(c: Children): string[] {
    return toks(c, 'Identifier').map((t) => t.image);
  }

  setStmt(c: Children, n?: CstNode): Stmt {
    return {
      type: 'set',
      targets: this.targets(node(c, 'targets').children),
      expr: this.tupleExpr(node(c, 'tupleExpr').children, node(c, 'tupleExpr')),
      start: n ? startOf(n) : 0,
      end: n ? endOf(n) : 0,
    };
  }

  tupleExpr(c: Children, n?: CstNode): Expr {
    const items = nodes(c, 'expression').map((e) => this.expression(e.children));
    if (items.length === 1 && toks(c, 'Comma').length === 0 && items[0]) return items[0];
    return { type: 'tuple', items, start: n ? startOf(n) : 0, end: n ? endOf(n) : 0 };
  }

  expression(c: Children): Expr {
    const ors = nodes(c, 'orExpr');
    const first = this.orExpr(node(c, 'orExpr').children);
    if (!ors[1]) return first;
    const elseNode = nodes(c, 'expression')[0];
    const otherwise = elseNode ? this.expression(elseNode.children) : undefined;
    return {
      type: 'cond',
      test: this.orExpr(ors[1].children),
      then: first,
      else: otherwise,
      start: first.start,
      end: otherwise?.end ?? endOf(ors[1]),
    };
  }

  orExpr(c: Children): Expr {
    return this.chainLogic(
      nodes(c, 'andExpr').map((n) => this.andExpr(n.children)),
      'or',
    );
  }

  andExpr(c: Children): Expr {
    return this.chainLogic(
      nodes(c, 'notExpr').map((n) => this.notExpr(n.children)),
      'and',
    );
  }

  private chainLogic(items: Expr[], type: 'and' | 'or'): Expr {
    let acc = items[0];
    if (!acc) throw new Error('template CST: empty logic chain');
    for (const e of items.slice(1)) acc = { type, left: acc, right: e, start: acc.start, end: e.end };
    return acc;
  }

  notExpr(c: Children): Expr {
    const not = toks(c, 'Not')[0];
    if (not) {
      const operand = this.notExpr(node(c, 'notExpr').children);
      return { type: 'not', operand, start: not.startOffset, end: operand.end };
    }
    return this.compareExpr(node(c, 'compareExpr').children);
  }

  compareExpr(c: Children): Expr {
    const parts = nodes(c, 'math1').map((n) => this.math1(n.children));
    const first = parts[0];
    if (!first) throw new Error('template CST: empty comparison');
    if (parts.length === 1) return first;
    const ops = nodes(c, 'compareOp').map((n, i) => ({ op: this.compareOp(n.children), expr: parts[i + 1] ?? first }));
    return { type: 'compare', first, ops, start: first.start, end: ops.at(-1)?.expr.end ?? first.end };
  }

  compareOp(c: Children): CompareOp {
    if (toks(c, 'Not').length) return 'not in';
    const t = opTokens(c, ['Eq', 'Ne', 'Le', 'Ge', 'Lt', 'Gt', 'In'])[0];
    return (t?.image ?? '==') as CompareOp;
  }

  private chainBinary(items: Expr[], ops: IToken[]): Expr {
    let acc = items[0];
    if (!acc) throw new Error('template CST: empty binary chain');
    for (let i = 1; i < items.length; i++) {
      const right = items[i];
      if (!right) break;
      acc = {
        type: 'binop',
        op: (ops[i - 1]?.image ?? '+') as BinOp,
        left: acc,
        right,
        start: acc.start,
        end: right.end,
      };
    }
    return acc;
  }

  math1(c: Children): Expr {
    return this.chainBinary(
      nodes(c, 'concat').map((n) => this.concat(n.children)),
      opTokens(c, ['Plus', 'Minus']),
    );
  }

  concat(c: Children): Expr {
    return this.chainBinary(
      nodes(c, 'math2').map((n) => this.math2(n.children)),
      opTokens(c, ['Tilde']),
    );
  }

  math2(c: Children): Expr {
    return this.chainBinary(
      nodes(c, 'pow').map((n) => this.pow(n.children)),
      opTokens(c, ['Star', 'Slash', 'FloorDiv', 'Percent']),
    );
  }

  pow(c: Children): Expr {
    // Jinja's ** is left-associative (unlike Python's): 2 ** 3 ** 2 = 64.
    return this.chainBinary(
      nodes(c, 'unary').map((n) => this.unary(n.children)),
      opTokens(c, ['Pow']),
    );
  }

  unary(c: Children): Expr {
    let acc = this.signed(node(c, 'signed').children);
    const tails = [...nodes(c, 'filter'), ...nodes(c, 'test')].sort((a, b) => startOf(a) - startOf(b));
    for (const t of tails) {
      acc = t.name === 'filter' ? this.filter(t.children, acc) : this.test(t.children, acc);
    }
    return acc;
  }

  signed(c: Children): Expr {
    const sign = toks(c, 'Minus')[0] ?? toks(c, 'Plus')[0];
    if (sign) {
      const operand = this.signed(node(c, 'signed').children);
      return { type: 'unary', op: sign.image as '-' | '+', operand, start: sign.startOffset, end: operand.end };
    }
    return this.postfixExpr(node(c, 'postfixExpr').children);
  }

  postfixExpr(c: Children): Expr {
    let acc = this.primary(node(c, 'primary').children, node(c, 'primary'));
    for (const p of nodes(c, 'postfix')) acc = this.postfix(p.children, acc, p);
    return acc;
  }

  filter(c: Children, input?: Expr): Expr {
    const name = tok(c, 'AnyName');
    const call = nodes(c, 'callArgs')[0];
    const { args, kwargs } = call ? this.callArgs(call.children) : { args: [], kwargs: [] };
    const start = input?.start ?? name.startOffset;
    return {
      type: 'filter',
      name: name.image,
      node: input ?? { type: 'const', value: null, start, end: start },
      args,
      kwargs,
      start,
      end: call ? endOf(call) : endOf(name),
    };
  }

  test(c: Children, input?: Expr): Expr {
    const name = tok(c, 'AnyName');
    const call = nodes(c, 'callArgs')[0];
    const bare = nodes(c, 'testArg')[0];
    const { args, kwargs } = call
      ? this.callArgs(call.children)
      : { args: bare ? [this.testArg(bare.children, bare)] : [], kwargs: [] };
    const start = input?.start ?? name.startOffset;
    const end = call ? endOf(call) : bare ? endOf(bare) : endOf(name);
    return {
      type: 'test',
      name: name.image,
      node: input ?? { type: 'const', value: null, start, end: start },
      args,
      kwargs,
      negated: toks(c, 'Not').length > 0,
      start,
      end,
    };
  }

  testArg(c: Children, n?: CstNode): Expr {
    let acc = this.primary(c, n);
    for (const p of nodes(c, 'postfix')) acc = this.postfix(p.children, acc, p);
    return acc;
  }

  primary(c: Children, n?: CstNode): Expr {
    const start = n ? startOf(n) : 0;
    const end = n ? endOf(n) : 0;
    const id = toks(c, 'Identifier')[0];
    if (id) {
      const consts: Record<string, unknown> = {
        true: true,
        True: true,
        false: false,
        False: false,
        none: null,
        None: null,
      };
      if (Object.hasOwn(consts, id.image)) return { type: 'const', value: consts[id.image], start, end };
      return { type: 'name', name: id.image, start, end };
    }
    const strs = toks(c, 'StringLit');
    if (strs.length) return { type: 'const', value: strs.map((s) => unquoteString(s.image)).join(''), start, end };
    const int = toks(c, 'Integer')[0];
    if (int) return { type: 'const', value: parseInteger(int.image), start, end };
    const fl = toks(c, 'Float')[0];
    if (fl) return { type: 'const', value: parseFloatLiteral(fl.image), start, end };
    const paren = nodes(c, 'parenExpr')[0];
    if (paren) return this.parenExpr(paren.children, paren);
    const list = nodes(c, 'listLit')[0];
    if (list) return this.listLit(list.children, list);
    const dict = nodes(c, 'dictLit')[0];
    if (dict) return this.dictLit(dict.children, dict);
    throw new Error('template CST: empty primary');
  }

  parenExpr(c: Children, n?: CstNode): Expr {
    const list = node(c, 'expressionList').children;
    const items = this.expressionList(list);
    if (items.length === 1 && toks(list, 'Comma').length === 0 && items[0]) return items[0];
    return { type: 'tuple', items, start: n ? startOf(n) : 0, end: n ? endOf(n) : 0 };
  }

  listLit(c: Children, n?: CstNode): Expr {
    return {
      type: 'list',
      items: this.expressionList(node(c, 'expressionList').children),
      start: n ? startOf(n) : 0,
      end: n ? endOf(n) : 0,
    };
  }

  expressionList(c: Children): Expr[] {
    return nodes(c, 'expression').map((e) => this.expression(e.children));
  }

  dictLit(c: Children, n?: CstNode): Expr {
    return {
      type: 'dict',
      pairs: nodes(c, 'dictEntry').map((e) => this.dictEntry(e.children)),
      start: n ? startOf(n) : 0,
      end: n ? endOf(n) : 0,
    };
  }

  dictEntry(c: Children): { key: Expr; value: Expr } {
    const [k, v] = nodes(c, 'expression');
    if (!k || !v) throw new Error('template CST: bad dict entry');
    return { key: this.expression(k.children), value: this.expression(v.children) };
  }

  postfix(c: Children, obj?: Expr, n?: CstNode): Expr {
    const base = obj ?? { type: 'const', value: null, start: 0, end: 0 };
    const end = n ? endOf(n) : base.end;
    if (toks(c, 'Dot').length) {
      const name = toks(c, 'AnyName')[0];
      if (name) return { type: 'getattr', obj: base, attr: name.image, start: base.start, end };
      const idx = tok(c, 'Integer');
      return {
        type: 'getitem',
        obj: base,
        index: { type: 'const', value: parseInteger(idx.image), start: idx.startOffset, end: endOf(idx) },
        start: base.start,
        end,
      };
    }
    const sub = nodes(c, 'subscript')[0];
    if (sub) return this.subscript(sub.children, base, end);
    const call = node(c, 'callArgs');
    const { args, kwargs } = this.callArgs(call.children);
    return { type: 'call', callee: base, args, kwargs, start: base.start, end };
  }

  subscript(c: Children, obj?: Expr, end?: number): Expr {
    const base = obj ?? { type: 'const', value: null, start: 0, end: 0 };
    const e = nodes(c, 'expression')[0];
    const first = e ? this.expression(e.children) : undefined;
    const rest = nodes(c, 'sliceRest')[0];
    if (!rest) return { type: 'getitem', obj: base, index: first ?? base, start: base.start, end: end ?? base.end };
    const { stop, step } = this.sliceRest(rest.children);
    return { type: 'slice', obj: base, lower: first, upper: stop, step, start: base.start, end: end ?? base.end };
  }

  sliceRest(c: Children): { stop: Expr | undefined; step: Expr | undefined } {
    const stop = nodes(c, 'stop')[0];
    const step = nodes(c, 'step')[0];
    return {
      stop: stop ? this.expression(stop.children) : undefined,
      step: step ? this.expression(step.children) : undefined,
    };
  }

  callArgs(c: Children): { args: Expr[]; kwargs: Kwarg[] } {
    const args: Expr[] = [];
    const kwargs: Kwarg[] = [];
    for (const a of nodes(c, 'argument')) {
      const value = this.expression(node(a.children, 'expression').children);
      const name = toks(a.children, 'Identifier')[0];
      if (name) kwargs.push({ name: name.image, value });
      else args.push(value);
    }
    return { args, kwargs };
  }

  argument(): void {
    throw new Error('template CST: argument is read by callArgs');
  }
}

/** Builds the statements of a parsed template. */
export function buildAst(cst: CstNode, texts: Map<IToken, string>): Stmt[] {
  builder.texts = texts;
  try {
    return builder.template(cst.children);
  } finally {
    builder.texts = new Map();
  }
}

// One visitor, validated once against the parser's rules (like the one parser instance).
const builder = new AstBuilder();

export { T };
