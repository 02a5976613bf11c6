// compileTemplate: parse once, check names/filters/tests, generate the render function.
import type { LocalDiagnostic, Result } from '../diagnostics/index.ts';
import { parseTemplate } from './parse.ts';
import { checkTemplate } from './check.ts';
import { generate } from './generate.ts';
import { interpret } from './interpret.ts';
import type { Stmt } from './ast.ts';

export interface Template {
  readonly source: string;
  /** Renders with Jinja's semantics; errors are thrown as PyError with Jinja's wording. */
  render(context: Readonly<Record<string, unknown>>): string;
  /** Dotted paths read from context names, e.g. 'trigger.body.key1'. */
  readonly reads: readonly string[];
  /** True when the template has no tag or expression (renders the same text whatever the context). */
  readonly isConstant: boolean;
  /** The AST (for the interpreter, lint and tests). */
  readonly body: readonly Stmt[];
  /** The reference interpreter over the same AST. */
  interpret(context: Readonly<Record<string, unknown>>): string;
}

export interface CompileTemplateOptions {
  /** Context names allowed at top level; omitted = any. */
  names?: readonly string[];
}

/** Compiles a template: `compileTemplate('{{ trigger.body.x }}', { names: ['trigger'] }).value?.render(ctx)`. */
export function compileTemplate(
  source: string,
  options: CompileTemplateOptions = {},
): Result<Template, LocalDiagnostic> {
  const parsed = parseTemplate(source);
  if (!parsed.body) return { value: undefined, diagnostics: parsed.diagnostics };
  const body = parsed.body;
  const checked = checkTemplate(body, options.names);
  const toSource = parsed.toSource ?? ((o: number) => o);
  if (checked.diagnostics.length) {
    return {
      value: undefined,
      diagnostics: checked.diagnostics.map((d) => ({
        ...d,
        start: toSource(d.start ?? 0),
        end: d.end === undefined ? undefined : toSource(d.end),
      })),
    };
  }
  const render = generate(body);
  return {
    value: {
      source,
      render,
      reads: checked.reads,
      isConstant: body.every((s) => s.type === 'text'),
      body,
      interpret: (context) => interpret(body, context),
    },
    diagnostics: [],
  };
}
