// Criteria pattern rendering exactly as StackStorm's filter.py `_render_criteria_pattern` (spec §4.3):
// non-strings as they are; `{{ … }}` lines get `| to_complex` before their last `}}`, the result is
// JSON-decoded, and on a decoding error the pattern is rendered plainly and used as a string.
import type { LocalDiagnostic, Result } from '../diagnostics/index.ts';
import { PyError, isPyError } from '../python/index.ts';
import { compileTemplate } from './compile.ts';
import type { Template } from './compile.ts';

// st2 (reactor/rules/filter.py): MATCH_CRITERIA = r"({{)\s*(.*)\s*(}})", replaced by r"\1\2 | to_complex\3".
// Python's `.` stops only at \n (JS's also at \r and \u2028/9), so it is spelled [^\n] here.
const VARIABLE_LINE = /(\{\{)\s*([^\n]*)\s*(\}\})/g;

// Python exception classes that are ValueError or a subclass: st2 falls back to the plain render on those.
const VALUE_ERRORS = new Set([
  'ValueError',
  'JSONDecodeError',
  'UnicodeError',
  'UnicodeDecodeError',
  'UnicodeEncodeError',
]);

/** The pattern with ` | to_complex` added as StackStorm does, or undefined when it has no `{{ }}`. */
export function rewriteForComplex(pattern: string): string | undefined {
  VARIABLE_LINE.lastIndex = 0;
  if (!VARIABLE_LINE.test(pattern)) return undefined;
  VARIABLE_LINE.lastIndex = 0;
  return pattern.replace(
    VARIABLE_LINE,
    (_m, open: string, body: string, close: string) => `${open}${body} | to_complex${close}`,
  );
}

// st2 renders the rewritten pattern and decodes it inside one `try ... except ValueError`: a decoding
// error or a ValueError raised while rendering both fall back to the plain render.
function evaluate(
  rewritten: Template | undefined,
  plain: Template,
  context: Readonly<Record<string, unknown>>,
): unknown {
  if (rewritten) {
    try {
      return JSON.parse(rewritten.render(context)) as unknown;
    } catch (err) {
      if (!(err instanceof SyntaxError) && !(isPyError(err) && VALUE_ERRORS.has(err.pyClass))) throw err;
    }
  }
  return plain.render(context);
}

// Patterns are rule text (never payload), so a small cache of compiled ones stays bounded by the rule set.
const cache = new Map<string, Result<(context: Readonly<Record<string, unknown>>) => unknown, LocalDiagnostic>>();

/** Renders a criteria pattern (spec §4.3); compiled patterns are cached. */
export function renderCriteriaPattern(pattern: unknown, context: Readonly<Record<string, unknown>>): unknown {
  if (typeof pattern !== 'string') return pattern;
  let compiled = cache.get(pattern);
  if (!compiled) {
    compiled = compileCriteriaPattern(pattern);
    if (cache.size >= 512) cache.clear();
    cache.set(pattern, compiled);
  }
  if (!compiled.value)
    throw new PyError('TemplateSyntaxError', compiled.diagnostics[0]?.message ?? 'template syntax error');
  return compiled.value(context);
}

/** Compiles a criteria pattern once; a pattern without `{{`/`{%`/`{#` is rendered at compile time. */
export function compileCriteriaPattern(
  pattern: unknown,
  names?: readonly string[],
): Result<(context: Readonly<Record<string, unknown>>) => unknown, LocalDiagnostic> {
  if (typeof pattern !== 'string') return { value: () => pattern, diagnostics: [] };
  const plain = compileTemplate(pattern, { names });
  if (!plain.value) return { value: undefined, diagnostics: plain.diagnostics };
  const plainTemplate = plain.value;
  if (plainTemplate.isConstant) {
    const text = plainTemplate.render({});
    return { value: () => text, diagnostics: plain.diagnostics };
  }
  const source = rewriteForComplex(pattern);
  // The rewrite can only fail to parse where the plain form parses if it lands inside a string or a
  // tag; st2 then raises TemplateSyntaxError on every render, so it is a compile-time error here.
  const rewritten = source === undefined ? undefined : compileTemplate(source, { names });
  if (rewritten && !rewritten.value) {
    return {
      value: undefined,
      diagnostics: rewritten.diagnostics.map((d) => ({
        ...d,
        start: 0,
        end: pattern.length,
        message: `${d.message} (after StackStorm adds \`| to_complex\` before the last \`}}\` of the line)`,
      })),
    };
  }
  const complex = rewritten?.value;
  return { value: (context) => evaluate(complex, plainTemplate, context), diagnostics: plain.diagnostics };
}
