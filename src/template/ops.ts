// Python operators over template values (Jinja compiles its operators to Python's).
import {
  PyError,
  PyFloat,
  isDict,
  numericValue,
  pyCompare,
  pyEquals,
  pyFloat,
  pyStr,
  pyTypeName,
  pyTruthy,
  pyRepr,
  isPyFloatValue,
  isPyTuple,
} from '../python/index.ts';
import { MAX_OUTPUT, outputTooLarge } from './limits.ts';
import { Undefined, use } from './undefined.ts';
import { BoundMethod } from './methods.ts';

function isNum(v: unknown): boolean {
  return typeof v === 'number' || typeof v === 'boolean' || v instanceof PyFloat;
}
function isInt(v: unknown): boolean {
  return typeof v === 'boolean' || (typeof v === 'number' && Number.isInteger(v));
}

/** The Python type name, also for bound methods. */
export function typeName(v: unknown): string {
  return pyTypeName(v);
}

function unsupported(op: string, a: unknown, b: unknown): never {
  throw new PyError('TypeError', `unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
}

function arith(a: unknown, b: unknown, x: number, float: boolean): unknown {
  void a;
  void b;
  return float ? pyFloat(x) : x;
}

function numPair(a: unknown, b: unknown): [number, number, boolean] {
  return [numericValue(a) ?? 0, numericValue(b) ?? 0, isPyFloatValue(a) || isPyFloatValue(b)];
}

function repeat(s: string | unknown[], n: unknown): string | unknown[] {
  const count = Math.max(0, numericValue(n) ?? 0);
  const size = s.length * count;
  if (size > MAX_OUTPUT) outputTooLarge();
  if (typeof s === 'string') return s.repeat(count);
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) out.push(...s);
  return out;
}

export function binop(op: string, a0: unknown, b0: unknown): unknown {
  const a = use(a0);
  const b = use(b0);
  switch (op) {
    case '~': {
      const r = pyStr(a) + pyStr(b);
      if (r.length > MAX_OUTPUT) outputTooLarge();
      return r;
    }
    case '+':
      if (isNum(a) && isNum(b)) {
        const [x, y, f] = numPair(a, b);
        return arith(a, b, x + y, f);
      }
      if (typeof a === 'string' && typeof b === 'string') {
        if (a.length + b.length > MAX_OUTPUT) outputTooLarge();
        return a + b;
      }
      if (Array.isArray(a) && Array.isArray(b)) return [...(a as unknown[]), ...(b as unknown[])];
      if (typeof a === 'string' || Array.isArray(a))
        throw new PyError('TypeError', `can only concatenate ${typeName(a)} (not "${typeName(b)}") to ${typeName(a)}`);
      return unsupported('+', a, b);
    case '-': {
      if (!isNum(a) || !isNum(b)) return unsupported('-', a, b);
      const [x, y, f] = numPair(a, b);
      return arith(a, b, x - y, f);
    }
    case '*':
      if (isNum(a) && isNum(b)) {
        const [x, y, f] = numPair(a, b);
        return arith(a, b, x * y, f);
      }
      if ((typeof a === 'string' || Array.isArray(a)) && isInt(b)) return repeat(a, b);
      if ((typeof b === 'string' || Array.isArray(b)) && isInt(a)) return repeat(b, a);
      if (typeof a === 'string' || Array.isArray(a) || typeof b === 'string' || Array.isArray(b)) {
        throw new PyError(
          'TypeError',
          `can't multiply sequence by non-int of type '${typeName(typeof a === 'string' || Array.isArray(a) ? b : a)}'`,
        );
      }
      return unsupported('*', a, b);
    case '/': {
      if (!isNum(a) || !isNum(b)) return unsupported('/', a, b);
      const [x, y] = numPair(a, b);
      if (y === 0) throw new PyError('ZeroDivisionError', 'division by zero');
      return pyFloat(x / y);
    }
    case '//': {
      if (!isNum(a) || !isNum(b)) return unsupported('//', a, b);
      const [x, y, f] = numPair(a, b);
      if (y === 0)
        throw new PyError(
          'ZeroDivisionError',
          f ? 'float floor division by zero' : 'integer division or modulo by zero',
        );
      return arith(a, b, Math.floor(x / y), f);
    }
    case '%': {
      if (typeof a === 'string') return formatPercent(a, b);
      if (!isNum(a) || !isNum(b)) return unsupported('%', a, b);
      const [x, y, f] = numPair(a, b);
      if (y === 0) throw new PyError('ZeroDivisionError', f ? 'float modulo' : 'integer division or modulo by zero');
      const r = x % y;
      return arith(a, b, r !== 0 && r < 0 !== y < 0 ? r + y : r, f);
    }
    case '**': {
      if (!isNum(a) || !isNum(b)) return unsupported('** or pow()', a, b);
      const [x, y, f] = numPair(a, b);
      if (x < 0 && !Number.isInteger(y)) throw new PyError('ValueError', 'complex results are not supported');
      if (x === 0 && y < 0) throw new PyError('ZeroDivisionError', '0.0 cannot be raised to a negative power');
      // V8's pow is less exact than C's for half-integer exponents; sqrt(x ** 2y) rounds like libm there.
      const r =
        Math.abs(y % 1) === 0.5 && x >= 0 && Number.isFinite(Math.pow(x, 2 * y))
          ? Math.sqrt(Math.pow(x, 2 * y))
          : Math.pow(x, y);
      if (!f && y >= 0 && Math.abs(r) > Number.MAX_SAFE_INTEGER)
        throw new PyError('OverflowError', 'integer result too large for this engine');
      return arith(a, b, r, f || y < 0);
    }
  }
  throw new Error(`unknown operator ${op}`);
}

export function unary(op: string, a0: unknown): unknown {
  const a = use(a0);
  if (!isNum(a)) throw new PyError('TypeError', `bad operand type for unary ${op}: '${typeName(a)}'`);
  const x = numericValue(a) ?? 0;
  return op === '-' ? (isPyFloatValue(a) ? pyFloat(-x) : -x === 0 ? 0 : -x) : isPyFloatValue(a) ? pyFloat(x) : x;
}

/** Python's `a in b`. */
export function contains(b0: unknown, a0: unknown): boolean {
  const a = use(a0);
  const b = use(b0);
  if (typeof b === 'string') {
    if (typeof a !== 'string')
      throw new PyError('TypeError', `'in <string>' requires string as left operand, not ${typeName(a)}`);
    return b.includes(a);
  }
  if (Array.isArray(b)) return b.some((x) => pyEquals(x, a));
  if (isDict(b)) return typeof a === 'string' && Object.hasOwn(b, a);
  throw new PyError('TypeError', `argument of type '${typeName(b)}' is not iterable`);
}

export function compare(op: string, a0: unknown, b0: unknown): boolean {
  const a = use(a0);
  const b = use(b0);
  switch (op) {
    case '==':
      return pyEquals(a, b);
    case '!=':
      return !pyEquals(a, b);
    case '<':
      return pyCompare(a, b, op) < 0;
    case '<=':
      return pyCompare(a, b, op) <= 0;
    case '>':
      return pyCompare(a, b, op) > 0;
    case '>=':
      return pyCompare(a, b, op) >= 0;
    case 'in':
      return contains(b, a);
    case 'not in':
      return !contains(b, a);
  }
  throw new Error(`unknown comparison ${op}`);
}

/** Truth of a value; undefined raises. */
export function truthy(v: unknown): boolean {
  if (v instanceof Undefined) use(v);
  return pyTruthy(v);
}

/** `{{ v }}`: str() of the value; undefined raises. */
export function toText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Undefined) use(v);
  if (v instanceof BoundMethod) return `<built-in method ${v.name} of ${typeName(v.self)} object>`;
  return pyStr(v);
}

/** Python's printf-style `'%s-%d' % (a, b)` and `'%(k)s' % d`. */
export function formatPercent(fmt: string, args: unknown): string {
  const tuple = isPyTuple(args) ? args : [args];
  let i = 0;
  const take = (): unknown => {
    if (i >= tuple.length) throw new PyError('TypeError', 'not enough arguments for format string');
    return tuple[i++];
  };
  const out = fmt.replace(
    /%(\(([^)]*)\))?([-+ 0#]*)(\d+|\*)?(?:\.(\d+))?([sdirfxXoeEgGc%])/g,
    (
      _m,
      _k,
      key: string | undefined,
      flags: string,
      width: string | undefined,
      prec: string | undefined,
      conv: string,
    ) => {
      if (conv === '%') return '%';
      const v =
        key !== undefined
          ? isDict(args) && Object.hasOwn(args, key)
            ? args[key]
            : (() => {
                throw new PyError('KeyError', pyRepr(key));
              })()
          : take();
      let s: string;
      switch (conv) {
        case 's':
          s = toText(v);
          break;
        case 'r':
          s = pyRepr(v);
          break;
        case 'd':
        case 'i': {
          if (!isNum(v))
            throw new PyError('TypeError', `%${conv} format: a real number is required, not ${typeName(v)}`);
          s = String(Math.trunc(numericValue(v) ?? 0));
          break;
        }
        case 'f': {
          if (!isNum(v)) throw new PyError('TypeError', `must be real number, not ${typeName(v)}`);
          s = (numericValue(v) ?? 0).toFixed(prec === undefined ? 6 : Number(prec));
          break;
        }
        case 'x':
        case 'X':
        case 'o': {
          if (!isInt(v)) throw new PyError('TypeError', `%${conv} format: an integer is required, not ${typeName(v)}`);
          s = (numericValue(v) ?? 0).toString(conv === 'o' ? 8 : 16);
          if (conv === 'X') s = s.toUpperCase();
          break;
        }
        default:
          s = toText(v);
      }
      if (conv === 's' && prec !== undefined) s = s.slice(0, Number(prec));
      const w = width && width !== '*' ? Number(width) : 0;
      if (s.length < w)
        s = flags.includes('-')
          ? s.padEnd(w)
          : flags.includes('0') && conv !== 's'
            ? s.padStart(w, '0')
            : s.padStart(w);
      return s;
    },
  );
  // Python accepts extra arguments only for a mapping-like right side (dict, list).
  if (key_less(fmt) && i < tuple.length && (isPyTuple(args) || (!isDict(args) && !Array.isArray(args))))
    throw new PyError('TypeError', 'not all arguments converted during string formatting');
  return out;
}

function key_less(fmt: string): boolean {
  return !/%\(/.test(fmt);
}

export { pyTruthy };
