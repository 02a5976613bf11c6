// Criteria keys as StackStorm resolves them (spec §4.2, common/util/payload.py over jsonpath_rw 1.4):
// the `#suffix` is stripped, the rest parsed by grammar/key-path, and the AST evaluated against
// `{trigger: payload, system: datastore}`; the first match wins and null equals missing.
import type { CstNode, IToken } from 'chevrotain';
import { keyPathLexer, keyPathParser } from '../../grammar/key-path/index.ts';
import type { LocalDiagnostic, Result } from '../diagnostics/index.ts';
import { isDict } from '../python/index.ts';

export type KeyPathNode =
  | { kind: 'root' }
  | { kind: 'this' }
  | { kind: 'fields'; names: string[] }
  | { kind: 'allFields' }
  | { kind: 'index'; index: number }
  | { kind: 'slice'; start?: number; end?: number }
  | { kind: 'child'; left: KeyPathNode; right: KeyPathNode }
  | { kind: 'descendants'; left: KeyPathNode; right: KeyPathNode }
  | { kind: 'union'; left: KeyPathNode; right: KeyPathNode }
  | { kind: 'where'; left: KeyPathNode; right: KeyPathNode };

export interface KeyPath {
  /** The key as written, `#suffix` included. */
  readonly key: string;
  readonly ast: KeyPathNode;
  /** Plain field/index steps (`trigger.body.a[0]`) when the path is only that: the code generator inlines them. */
  readonly steps?: ReadonlyArray<string | number>;
}

type Children = Record<string, Array<CstNode | IToken> | undefined>;
const kids = (n: CstNode): Children => n.children;
const node = (x: CstNode | IToken | undefined): CstNode => x as CstNode;
const token = (x: CstNode | IToken | undefined): IToken => x as IToken;

class VisitError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
  }
}

function unquote(image: string): string {
  // jsonpath_rw's lexer drops the backslash of any escaped character.
  return image.slice(1, -1).replace(/\\(.)/g, '$1');
}

function visitName(n: CstNode): string {
  const c = kids(n);
  const t = token((c.Id ?? c.SingleQuoted ?? c.DoubleQuoted)?.[0]);
  return t.tokenType.name === 'Id' ? t.image : unquote(t.image);
}

function visitFields(n: CstNode): KeyPathNode {
  return { kind: 'fields', names: (kids(n).name ?? []).map((x) => visitName(node(x))) };
}

function visitBracket(n: CstNode): KeyPathNode {
  const c = kids(n);
  if (c.fields) return visitFields(node(c.fields[0]));
  if (c.Star) return { kind: 'slice' };
  const numbers = (c.Number ?? []).map((t) => token(t));
  if (!c.Colon) {
    const first = numbers[0];
    if (!first) {
      const open = token(c.LBracket?.[0]);
      throw new VisitError('empty brackets', open.startOffset, open.startOffset + 2);
    }
    return { kind: 'index', index: Number(first.image) };
  }
  const colon = token(c.Colon[0]).startOffset;
  const before = numbers.find((t) => t.startOffset < colon);
  const after = numbers.find((t) => t.startOffset > colon);
  return {
    kind: 'slice',
    start: before ? Number(before.image) : undefined,
    end: after ? Number(after.image) : undefined,
  };
}

function visitAtom(n: CstNode): KeyPathNode {
  const c = kids(n);
  if (c.fields) return visitFields(node(c.fields[0]));
  if (c.Star) return { kind: 'allFields' };
  if (c.Dollar) return { kind: 'root' };
  if (c.bracket) return visitBracket(node(c.bracket[0]));
  if (c.path) return visitPath(node(c.path[0]));
  const op = token(c.NamedOperator?.[0]);
  if (op.image === '`this`') return { kind: 'this' };
  // `parent` needs the match context jsonpath_rw keeps; st2 keys never use it, so it is refused at compile time.
  throw new VisitError(`named operator ${op.image} is not supported`, op.startOffset, op.startOffset + op.image.length);
}

function visitChain(n: CstNode): KeyPathNode {
  const c = kids(n);
  // Children arrive grouped by kind; order them by offset to rebuild the left-to-right chain.
  const parts: Array<{ at: number; kind: 'dot' | 'dotdot' | 'bracket' | 'atom'; n: CstNode | IToken }> = [];
  for (const t of c.Dot ?? []) parts.push({ at: token(t).startOffset, kind: 'dot', n: t });
  for (const t of c.DotDot ?? []) parts.push({ at: token(t).startOffset, kind: 'dotdot', n: t });
  for (const b of c.bracket ?? [])
    parts.push({ at: node(b).location?.startOffset ?? firstOffset(node(b)), kind: 'bracket', n: b });
  for (const a of c.atom ?? []) parts.push({ at: firstOffset(node(a)), kind: 'atom', n: a });
  parts.sort((a, b) => a.at - b.at);
  let result: KeyPathNode | undefined;
  let pending: 'dot' | 'dotdot' | undefined;
  for (const p of parts) {
    if (p.kind === 'dot' || p.kind === 'dotdot') pending = p.kind;
    else if (p.kind === 'bracket') result = { kind: 'child', left: result!, right: visitBracket(node(p.n)) };
    else {
      const right = visitAtom(node(p.n));
      if (!result) result = right;
      else result = { kind: pending === 'dotdot' ? 'descendants' : 'child', left: result, right };
      pending = undefined;
    }
  }
  return result!;
}

function firstOffset(n: CstNode): number {
  let best = Infinity;
  for (const list of Object.values(kids(n))) {
    for (const x of list ?? []) {
      const at = 'image' in x ? x.startOffset : firstOffset(x);
      if (at < best) best = at;
    }
  }
  return best;
}

function visitUnion(n: CstNode): KeyPathNode {
  const c = kids(n);
  const chains = (c.chain ?? []).map((x) => visitChain(node(x)));
  const amp = c.Amp?.[0];
  if (amp) {
    // jsonpath_rw's Intersect.find raises NotImplementedError: every lookup with `&` fails.
    const t = token(amp);
    throw new VisitError('`&` (intersection) is not implemented by jsonpath_rw', t.startOffset, t.startOffset + 1);
  }
  return chains.slice(1).reduce<KeyPathNode>((left, right) => ({ kind: 'union', left, right }), chains[0]!);
}

function visitPath(n: CstNode): KeyPathNode {
  const unions = (kids(n).union ?? []).map((x) => visitUnion(node(x)));
  return unions.slice(1).reduce<KeyPathNode>((left, right) => ({ kind: 'where', left, right }), unions[0]!);
}

function plainSteps(ast: KeyPathNode): Array<string | number> | undefined {
  if (ast.kind === 'fields') return ast.names.length === 1 ? [ast.names[0]!] : undefined;
  if (ast.kind === 'index') return ast.index >= 0 ? [ast.index] : undefined;
  if (ast.kind === 'child') {
    const left = plainSteps(ast.left);
    const right = plainSteps(ast.right);
    return left && right ? [...left, ...right] : undefined;
  }
  return undefined;
}

/** The key without its `#suffix` (`trigger.int#2` → `trigger.int`), as StackStorm strips it before lookup. */
export function stripKeySuffix(key: string): string {
  const hash = key.indexOf('#');
  return hash === -1 ? key : key.slice(0, hash);
}

const KEY_CODE = 'RULES_E_CRITERIA_KEY_SYNTAX';

/** Parses a criteria key: `parseKeyPath("trigger.headers['X-Event']#2")`. Offsets index the key as written. */
export function parseKeyPath(key: string): Result<KeyPath, LocalDiagnostic> {
  const text = stripKeySuffix(key);
  const lexed = keyPathLexer.tokenize(text);
  const lexError = lexed.errors[0];
  if (lexError) {
    return {
      value: undefined,
      diagnostics: [
        {
          code: KEY_CODE,
          message: `Key "${key}" is not a valid JSONPath: unexpected character ${JSON.stringify(text[lexError.offset] ?? '')}`,
          start: lexError.offset,
          end: lexError.offset + Math.max(1, lexError.length),
          hint: keyHint(text, lexError.offset, key.slice(text.length)),
        },
      ],
    };
  }
  if (lexed.tokens.length === 0) {
    return {
      value: undefined,
      diagnostics: [{ code: KEY_CODE, message: `Key "${key}" is empty`, start: 0, end: key.length }],
    };
  }
  keyPathParser.input = lexed.tokens;
  const cst = keyPathParser.path();
  const parseError = keyPathParser.errors[0];
  if (parseError) {
    const t = parseError.token;
    const start = Number.isNaN(t.startOffset) ? text.length : t.startOffset;
    const found = t.image ? `"${t.image}"` : 'the end of the key';
    return {
      value: undefined,
      diagnostics: [
        {
          code: KEY_CODE,
          message: `Key "${key}" is not a valid JSONPath: unexpected ${found}`,
          start,
          end: start + Math.max(1, t.image.length),
          hint: keyHint(text, start, key.slice(text.length)),
        },
      ],
    };
  }
  try {
    const ast = visitPath(cst);
    const steps = plainSteps(ast);
    return { value: steps ? { key, ast, steps } : { key, ast }, diagnostics: [] };
  } catch (err) {
    if (!(err instanceof VisitError)) throw err;
    return {
      value: undefined,
      diagnostics: [
        {
          code: KEY_CODE,
          message: `Key "${key}" is not a valid JSONPath: ${err.message}`,
          start: err.start,
          end: err.end,
        },
      ],
    };
  }
}

/**
 * The hint for a key that does not parse: the key itself with the offending dotted segment quoted, the rest of
 * the path kept (`trigger.body.0.status` → `trigger.body['0'].status`), or a generic example where quoting
 * that segment cannot help (a filter, a quote inside it).
 */
function keyHint(text: string, offset: number, suffix = ''): string {
  const why = 'StackStorm fails this lookup on every event ("Failed transforming criteria key").';
  const at = Math.min(Math.max(offset, 0), text.length);
  const dot = text.lastIndexOf('.', at - 1);
  const next = text.indexOf('.', at);
  const segment = text.slice(dot + 1, next === -1 ? text.length : next);
  const quotable = dot > 0 && segment !== '' && !/['"]|\[\?/.test(segment);
  const example = quotable
    ? `${text.slice(0, dot)}['${segment}']${next === -1 ? '' : text.slice(next)}${suffix}`
    : `trigger.body['0'] or trigger.body."a b"`;
  return `${why} Quote names that are numbers or contain other characters: ${example}.`;
}

// ---- evaluation (jsonpath_rw semantics) ----

function children(v: unknown): unknown[] {
  if (Array.isArray(v)) return v as unknown[];
  if (isDict(v)) return Object.values(v);
  return [];
}

function find(n: KeyPathNode, datum: unknown, root: unknown): unknown[] {
  switch (n.kind) {
    case 'root':
      return [root];
    case 'this':
      return [datum];
    case 'fields': {
      if (!isDict(datum)) return [];
      const out: unknown[] = [];
      for (const name of n.names) if (Object.hasOwn(datum, name)) out.push(datum[name]);
      return out;
    }
    case 'allFields':
      return isDict(datum) ? Object.values(datum) : [];
    case 'index': {
      if (!Array.isArray(datum) && typeof datum !== 'string') return [];
      const len = datum.length;
      const i = n.index < 0 ? len + n.index : n.index;
      if (i < 0 || i >= len) return [];
      return [datum[i]];
    }
    case 'slice': {
      // jsonpath_rw wraps a dict, number or string in a one-element list before slicing.
      const list: unknown[] = Array.isArray(datum)
        ? (datum as unknown[])
        : datum === null || datum === undefined || typeof datum === 'boolean'
          ? []
          : [datum];
      if (n.start === undefined && n.end === undefined) return list.slice();
      const len = list.length;
      const norm = (x: number | undefined, d: number): number =>
        x === undefined ? d : x < 0 ? Math.max(0, len + x) : Math.min(x, len);
      return list.slice(norm(n.start, 0), norm(n.end, len));
    }
    case 'child': {
      const out: unknown[] = [];
      for (const m of find(n.left, datum, root)) out.push(...find(n.right, m, root));
      return out;
    }
    case 'descendants': {
      const out: unknown[] = [];
      const visit = (v: unknown): void => {
        out.push(...find(n.right, v, root));
        for (const c of children(v)) visit(c);
      };
      for (const m of find(n.left, datum, root)) visit(m);
      return out;
    }
    case 'union':
      return [...find(n.left, datum, root), ...find(n.right, datum, root)];
    case 'where':
      return find(n.left, datum, root).filter((m) => find(n.right, m, root).length > 0);
  }
}

/** The first match of `path` in `context`, or undefined (None) when nothing matched or it is null. */
export function resolveKeyPath(path: KeyPath, context: unknown): unknown {
  const steps = path.steps;
  if (steps) return resolveSteps(steps, context);
  const first = find(path.ast, context, context)[0];
  return first === null ? undefined : first;
}

/** Plain steps: own properties of dicts and in-range non-negative indexes of lists only. */
export function resolveSteps(steps: ReadonlyArray<string | number>, context: unknown): unknown {
  let v: unknown = context;
  for (const s of steps) {
    if (typeof s === 'string') {
      if (!isDict(v) || !Object.hasOwn(v, s)) return undefined;
      v = v[s];
    } else {
      if (!Array.isArray(v) && typeof v !== 'string') return undefined;
      if (s >= v.length) return undefined;
      v = v[s];
    }
  }
  return v === null ? undefined : v;
}
