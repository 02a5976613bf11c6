// Python `re` patterns on re2js: linear time whatever the payload. Python-only syntax is translated
// (`\Z`, `$` before a final newline, `{,n}`); features that need backtracking (lookaround,
// backreferences, atomic groups, conditionals) are compile-time diagnostics with a hint.
import { RE2JS } from 're2js';
import type { LocalDiagnostic, Result } from '../diagnostics/index.ts';

export interface PyRegex {
  readonly source: string;
  /** `re.match`: anchored at the start only. */
  match(s: string): boolean;
  /** `re.search`: anywhere. */
  search(s: string): boolean;
}

export interface PyRegexFlags {
  ignoreCase?: boolean;
  dotAll?: boolean;
}

interface Unsupported {
  start: number;
  end: number;
  what: string;
  hint: string;
}

const BACKTRACK_HINT =
  'It needs a backtracking engine, which a payload could stall for seconds; criteria run in linear time (RE2).';

function translate(p: string): { source: string; problem?: Unsupported } {
  let out = '';
  let inClass = false;
  const multiline = /\(\?[a-zA-Z]*m/.test(p);
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\') {
      const n = p[i + 1] ?? '';
      if (!inClass && /[1-9]/.test(n)) {
        return {
          source: '',
          problem: {
            start: i,
            end: i + 2,
            what: `backreference \\${n}`,
            hint: `${BACKTRACK_HINT} Match each part separately with another criterion (several criteria on one key: key#2).`,
          },
        };
      }
      if (!inClass && n === 'Z') out += '\\z';
      // Python 3 str patterns are Unicode-aware: \d is any decimal digit, \w any letter, digit or _.
      else if (n === 'd') out += '\\p{Nd}';
      else if (n === 'w') out += inClass ? '\\p{L}\\p{N}_' : '[\\p{L}\\p{N}_]';
      else if (!inClass && n === 'D') out += '\\P{Nd}';
      else if (!inClass && n === 'W') out += '[^\\p{L}\\p{N}_]';
      else out += c + n;
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      // A `]` right after `[` or `[^` is literal in Python.
      if (p[i + 1] === '^') {
        out += '^';
        i++;
      }
      if (p[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(' && p[i + 1] === '?') {
      const rest = p.slice(i + 2);
      const look = /^(=|!|<=|<!)/.exec(rest);
      if (look) {
        const kind = {
          '=': 'lookahead (?=',
          '!': 'negative lookahead (?!',
          '<=': 'lookbehind (?<=',
          '<!': 'negative lookbehind (?<!',
        }[look[1]!]!;
        const alt =
          look[1] === '!' || look[1] === '<!'
            ? 'Use a separate criterion with the opposite operator (e.g. a second key#2 with regex, since criteria are ANDed) instead of a negative lookaround.'
            : 'Drop the lookaround and match the text itself: criteria only need a yes/no answer, so consuming the characters is equivalent.';
        return {
          source: '',
          problem: { start: i, end: i + 2 + look[1]!.length, what: kind, hint: `${BACKTRACK_HINT} ${alt}` },
        };
      }
      if (rest.startsWith('P=')) {
        return {
          source: '',
          problem: { start: i, end: i + 4, what: 'named backreference (?P=', hint: BACKTRACK_HINT },
        };
      }
      if (rest.startsWith('>')) {
        return {
          source: '',
          problem: {
            start: i,
            end: i + 3,
            what: 'atomic group (?>',
            hint: `${BACKTRACK_HINT} RE2 never backtracks, so a plain group (?: ) means the same here.`,
          },
        };
      }
      if (rest.startsWith('(')) {
        return { source: '', problem: { start: i, end: i + 3, what: 'conditional group (?(', hint: BACKTRACK_HINT } };
      }
    }
    if (c === '{' && p[i + 1] === ',') {
      out += '{0';
      continue;
    }
    // Python's `$` (without MULTILINE) matches at the end and before a final newline; RE2's only at the end.
    if (c === '$' && !multiline) {
      out += '(?:\\n?\\z)';
      continue;
    }
    out += c;
  }
  return { source: out };
}

const cache = new Map<string, Result<PyRegex, LocalDiagnostic>>();

/** Compiles a Python `re` pattern for criteria: `compilePythonRegex('v1$', {}).value?.search('v1')`. */
export function compilePythonRegex(pattern: string, flags: PyRegexFlags = {}): Result<PyRegex, LocalDiagnostic> {
  const key = `${flags.ignoreCase ? 'i' : ''}${flags.dotAll ? 's' : ''}:${pattern}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const result = compileUncached(pattern, flags);
  // Patterns are rule text or rendered templates; the cap keeps templated ones from growing it without bound.
  if (cache.size >= 2000) cache.clear();
  cache.set(key, result);
  return result;
}

function compileUncached(pattern: string, flags: PyRegexFlags): Result<PyRegex, LocalDiagnostic> {
  const { source, problem } = translate(pattern);
  if (problem) {
    return {
      value: undefined,
      diagnostics: [
        {
          code: 'RULES_E_CRITERIA_REGEX_BACKTRACKING',
          message: `Regular expression uses ${problem.what}, which needs backtracking`,
          hint: problem.hint,
          start: problem.start,
          end: problem.end,
        },
      ],
    };
  }
  let re: RE2JS;
  try {
    re = RE2JS.compile(source, (flags.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0) | (flags.dotAll ? RE2JS.DOTALL : 0));
  } catch (err) {
    return {
      value: undefined,
      diagnostics: [
        {
          code: 'RULES_E_CRITERIA_REGEX_SYNTAX',
          message: `Invalid regular expression: ${(err as Error).message}`,
          start: 0,
          end: pattern.length,
        },
      ],
    };
  }
  return {
    value: { source: pattern, match: (s) => re.matcher(s).lookingAt(), search: (s) => re.matcher(s).find() },
    diagnostics: [],
  };
}
