// Python's ast.literal_eval for the values StackStorm's casts meet: the repr of dicts, lists, tuples,
// strings, numbers, True/False/None.
import { PyError, pyFloat, setOwn } from '../python/index.ts';
import { unquoteString } from '../template/index.ts';

const TOKEN =
  /\s*(?:('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|(-?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?)|(True|False|None)|([[\](){}:,]))/y;

export function literalEval(text: string): unknown {
  let pos = 0;
  const fail = (): never => {
    throw new PyError('ValueError', `malformed node or string: ${JSON.stringify(text.slice(0, 40))}`);
  };
  const next = (): RegExpExecArray => {
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(text);
    if (!m) return fail();
    pos = TOKEN.lastIndex;
    return m;
  };
  const peek = (): string | undefined => {
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(text);
    return m?.[4];
  };
  const value = (): unknown => {
    const m = next();
    if (m[1] !== undefined) {
      let s = unquoteString(m[1]);
      while (/^\s*['"]/.test(text.slice(pos))) s += unquoteString(next()[1] ?? "''");
      return s;
    }
    if (m[2] !== undefined) return /[.eE]/.test(m[2]) ? pyFloat(Number(m[2])) : Number(m[2]);
    if (m[3] !== undefined) return m[3] === 'True' ? true : m[3] === 'False' ? false : null;
    const p = m[4];
    if (p === '[' || p === '(') {
      const close = p === '[' ? ']' : ')';
      const out: unknown[] = [];
      while (peek() !== close) {
        out.push(value());
        if (peek() === ',') next();
        else if (peek() !== close) fail();
      }
      next();
      return out;
    }
    if (p === '{') {
      const out: Record<string, unknown> = {};
      while (peek() !== '}') {
        const k = value();
        if (next()[4] !== ':') fail();
        const v = value();
        if (typeof k !== 'string') fail();
        setOwn(out, k as string, v);
        if (peek() === ',') next();
        else if (peek() !== '}') fail();
      }
      next();
      return out;
    }
    return fail();
  };
  const v = value();
  if (text.slice(pos).trim() !== '') fail();
  return v;
}
