// Source text -> AST: Jinja's source normalisation, the lexer and parser of grammar/template,
// whitespace control, and the CST visitor. Syntax errors become diagnostics with offsets.
import type { LocalDiagnostic } from '../diagnostics/index.ts';
import { templateLexer, templateParser, tokens as T } from '../../grammar/template/index.ts';
import type { Stmt } from './ast.ts';
import { applyWhitespaceControl } from './whitespace.ts';
import { buildAst } from './build-ast.ts';

// Jinja's lexer splits lines on \r\n, \r and \n only (newline_re).
const LINE_BREAK = /\r\n?/g;

/**
 * Jinja splits the source into lines and joins with '\n', which drops one trailing newline
 * (keep_trailing_newline=False) and turns \r\n and \r into \n.
 * `toSource` maps an offset of the normalised text back to the original (diagnostics point into the original).
 */
export function normaliseSource(source: string): { text: string; toSource: (offset: number) => number } {
  LINE_BREAK.lastIndex = 0;
  if (!LINE_BREAK.test(source)) {
    return { text: source.endsWith('\n') ? source.slice(0, -1) : source, toSource: (o) => o };
  }
  // Only \r\n shrinks (two characters become one): remember where, to map offsets back.
  const shrunk: number[] = [];
  let text = '';
  let last = 0;
  LINE_BREAK.lastIndex = 0;
  for (let m = LINE_BREAK.exec(source); m; m = LINE_BREAK.exec(source)) {
    text += source.slice(last, m.index) + '\n';
    if (m[0].length === 2) shrunk.push(text.length);
    last = m.index + m[0].length;
  }
  text += source.slice(last);
  if (text.endsWith('\n')) text = text.slice(0, -1);
  return { text, toSource: (o) => o + shrunk.filter((at) => at <= o).length };
}

export function parseTemplate(source: string): {
  body: Stmt[] | undefined;
  diagnostics: LocalDiagnostic[];
  toSource?: (offset: number) => number;
} {
  const { text, toSource } = normaliseSource(source);
  const place = (d: LocalDiagnostic): LocalDiagnostic => ({
    ...d,
    start: toSource(d.start ?? 0),
    end: toSource(d.end ?? text.length),
  });
  const lexed = templateLexer.tokenize(text);
  if (lexed.errors.length) {
    const e = lexed.errors[0];
    const start = e?.offset ?? 0;
    return {
      body: undefined,
      diagnostics: [
        place({
          code: 'RULES_E_TEMPLATE_SYNTAX',
          message: `template syntax error: unexpected '${text.slice(start, start + 2)}'`,
          start,
          end: start + (e?.length ?? 1),
        }),
      ],
    };
  }
  const texts = applyWhitespaceControl(lexed.tokens, text);
  templateParser.input = lexed.tokens.filter((t) => t.tokenType !== T.Comment);
  const cst = templateParser.template();
  if (templateParser.errors.length) {
    const e = templateParser.errors[0];
    const tok = e?.token;
    const atEnd = !tok || Number.isNaN(tok.startOffset);
    const start = atEnd ? text.length : tok.startOffset;
    const found = atEnd ? 'end of template' : `'${tok.image}'`;
    const expected = e?.message.includes('VarClose')
      ? "expected '}}'"
      : e?.message.includes('BlockClose')
        ? "expected '%}'"
        : e?.message.includes('EndIf')
          ? "expected '{% endif %}'"
          : e?.message.includes('EndFor')
            ? "expected '{% endfor %}'"
            : 'unexpected token';
    return {
      body: undefined,
      diagnostics: [
        place({
          code: 'RULES_E_TEMPLATE_SYNTAX',
          message: `template syntax error: ${expected}, found ${found}`,
          start,
          end: atEnd ? start : start + tok.image.length,
        }),
      ],
    };
  }
  return { body: buildAst(cst, texts), diagnostics: [], toSource };
}
