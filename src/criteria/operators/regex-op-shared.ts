// What the three regex operators share: compile once (constant patterns at compile time), raise re.error as st2.
import { PyError } from '../../python/index.ts';
import { Code, _ } from '../../codegen/index.ts';
import { regexArgs } from '../python-ops.ts';
import { compilePythonRegex } from '../regex.ts';
import type { PyRegex, PyRegexFlags } from '../regex.ts';
import type { GenerateArgs } from './types.ts';

export function regexFor(pattern: string, flags: PyRegexFlags): PyRegex {
  const r = compilePythonRegex(pattern, flags);
  if (!r.value) throw new PyError('error', r.diagnostics[0]?.message ?? 'invalid regular expression');
  return r.value;
}

export function interpretRegex(value: unknown, pattern: unknown, flags: PyRegexFlags, anchored: boolean): boolean {
  // Python order: re.compile(pattern) (TypeError or re.error), then .match/.search(value) (TypeError).
  if (typeof pattern !== 'string') regexArgs(value, pattern);
  const re = regexFor(pattern as string, flags);
  const s = regexArgs(value, pattern);
  return anchored ? re.match(s) : re.search(s);
}

const OP_NAMES = { regex: new Code('regex'), iregex: new Code('iregex'), matchregex: new Code('matchregex') };

export function generateRegex(
  args: GenerateArgs,
  name: keyof typeof OP_NAMES,
  flags: PyRegexFlags,
  anchored: boolean,
): Code {
  const { value, pattern, constant, scope, rt } = args;
  const fallback = _`${rt}.op.${OP_NAMES[name]}.interpret(${value}, ${pattern})`;
  if (typeof constant?.value === 'string') {
    const compiled = compilePythonRegex(constant.value, flags).value;
    if (compiled) {
      const re = scope.value('re', compiled);
      const method = new Code(anchored ? 'match' : 'search');
      return _`(typeof ${value} === "string" ? ${re}.${method}(${value}) : ${fallback})`;
    }
  }
  return fallback;
}
