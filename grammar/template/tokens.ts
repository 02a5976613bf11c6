// Tokens of the Jinja2 subset StackStorm packs use. Two lexer modes: template text, and the inside of
// `{{ }}` / `{% %}` tags. Comments stay in the token stream (whitespace control needs them); the parser
// input is the stream without them.
import { createToken, Lexer } from '../chevrotain.ts';
import type { IToken, TokenType } from 'chevrotain';

// Text runs until the next `{{`, `{%` or `{#`; it never starts with one (an unmatched opener is a lex error).
function matchText(text: string, offset: number): [string] | null {
  let i = offset;
  while (i < text.length) {
    if (text.charCodeAt(i) === 123 /* { */) {
      const n = text[i + 1];
      if (n === '{' || n === '%' || n === '#') break;
    }
    i++;
  }
  return i > offset ? [text.slice(offset, i)] : null;
}

const RAW_RE = /\{%[-+]?\s*raw\s*[-+]?%\}[\s\S]*?\{%[-+]?\s*endraw\s*[-+]?%\}/y;
function matchRaw(text: string, offset: number): [string] | null {
  RAW_RE.lastIndex = offset;
  const m = RAW_RE.exec(text);
  return m ? [m[0]] : null;
}

// `}}` closes a variable tag only outside dict literals: `{{ {'a': {'b': 1}} }}` as Jinja's lexer balances braces.
function matchVarClose(text: string, offset: number, tokens: IToken[]): [string] | null {
  let depth = 0;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i]?.tokenType;
    if (t === VarOpen) break;
    if (t === LBrace) depth++;
    else if (t === RBrace) depth--;
  }
  if (depth > 0) return null;
  if (text.startsWith('-}}', offset)) return ['-}}'];
  if (text.startsWith('}}', offset)) return ['}}'];
  return null;
}

export const Raw = createToken({
  name: 'Raw',
  pattern: { exec: matchRaw },
  line_breaks: true,
  start_chars_hint: ['{'],
});
export const Comment = createToken({ name: 'Comment', pattern: /\{#[\s\S]*?#\}/, line_breaks: true });
export const VarOpen = createToken({ name: 'VarOpen', pattern: /\{\{[-+]?/, push_mode: 'tag' });
export const BlockOpen = createToken({ name: 'BlockOpen', pattern: /\{%[-+]?/, push_mode: 'tag' });
export const Text = createToken({ name: 'Text', pattern: { exec: matchText }, line_breaks: true });

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /\s+/, group: Lexer.SKIPPED, line_breaks: true });
export const VarClose = createToken({
  name: 'VarClose',
  pattern: { exec: matchVarClose },
  pop_mode: true,
  line_breaks: false,
  start_chars_hint: ['-', '}'],
});
export const BlockClose = createToken({ name: 'BlockClose', pattern: /[-+]?%\}/, pop_mode: true });

/** Any name: identifiers and keywords (attribute, filter and test names may be keywords). */
export const AnyName = createToken({ name: 'AnyName', pattern: Lexer.NA });
export const Identifier = createToken({ name: 'Identifier', pattern: /[a-zA-Z_][a-zA-Z0-9_]*/, categories: [AnyName] });

function keyword(word: string): TokenType {
  return createToken({
    name: word[0]?.toUpperCase() + word.slice(1),
    pattern: new RegExp(word),
    longer_alt: Identifier,
    categories: [AnyName],
  });
}
export const If = keyword('if');
export const Elif = keyword('elif');
export const Else = keyword('else');
export const EndIf = keyword('endif');
export const For = keyword('for');
export const EndFor = keyword('endfor');
export const In = keyword('in');
export const Not = keyword('not');
export const And = keyword('and');
export const Or = keyword('or');
export const Is = keyword('is');
export const Set = keyword('set');

export const Float = createToken({
  name: 'Float',
  pattern: /\d+(?:_\d+)*(?:\.\d+(?:_\d+)*(?:[eE][+-]?\d+)?|[eE][+-]?\d+)/,
});
export const Integer = createToken({
  name: 'Integer',
  pattern: /0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|\d+(?:_\d+)*/,
});
export const StringLit = createToken({
  name: 'StringLit',
  pattern: /'[^'\\]*(?:\\[\s\S][^'\\]*)*'|"[^"\\]*(?:\\[\s\S][^"\\]*)*"/,
  line_breaks: true,
});

export const Pow = createToken({ name: 'Pow', pattern: /\*\*/ });
export const FloorDiv = createToken({ name: 'FloorDiv', pattern: /\/\// });
export const Eq = createToken({ name: 'Eq', pattern: /==/ });
export const Ne = createToken({ name: 'Ne', pattern: /!=/ });
export const Le = createToken({ name: 'Le', pattern: /<=/ });
export const Ge = createToken({ name: 'Ge', pattern: />=/ });
export const Lt = createToken({ name: 'Lt', pattern: /</ });
export const Gt = createToken({ name: 'Gt', pattern: />/ });
export const Assign = createToken({ name: 'Assign', pattern: /=/ });
export const Plus = createToken({ name: 'Plus', pattern: /\+/ });
export const Minus = createToken({ name: 'Minus', pattern: /-/ });
export const Star = createToken({ name: 'Star', pattern: /\*/ });
export const Slash = createToken({ name: 'Slash', pattern: /\// });
export const Percent = createToken({ name: 'Percent', pattern: /%/ });
export const Tilde = createToken({ name: 'Tilde', pattern: /~/ });
export const Pipe = createToken({ name: 'Pipe', pattern: /\|/ });
export const Dot = createToken({ name: 'Dot', pattern: /\./ });
export const Comma = createToken({ name: 'Comma', pattern: /,/ });
export const Colon = createToken({ name: 'Colon', pattern: /:/ });
export const LParen = createToken({ name: 'LParen', pattern: /\(/ });
export const RParen = createToken({ name: 'RParen', pattern: /\)/ });
export const LBracket = createToken({ name: 'LBracket', pattern: /\[/ });
export const RBracket = createToken({ name: 'RBracket', pattern: /\]/ });
export const LBrace = createToken({ name: 'LBrace', pattern: /\{/ });
export const RBrace = createToken({ name: 'RBrace', pattern: /\}/ });

const keywords = [If, Elif, Else, EndIf, For, EndFor, In, Not, And, Or, Is, Set];

/** Every token type the parser knows (order = lexer priority inside the tag mode). */
export const tagTokens: TokenType[] = [
  WhiteSpace,
  VarClose,
  BlockClose,
  Float,
  Integer,
  StringLit,
  ...keywords,
  Identifier,
  AnyName,
  Pow,
  FloorDiv,
  Eq,
  Ne,
  Le,
  Ge,
  Lt,
  Gt,
  Assign,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  Tilde,
  Pipe,
  Dot,
  Comma,
  Colon,
  LParen,
  RParen,
  LBracket,
  RBracket,
  LBrace,
  RBrace,
];
export const textTokens: TokenType[] = [Raw, Comment, VarOpen, BlockOpen, Text];
export const allTokens: TokenType[] = [...textTokens, ...tagTokens];

/** The one lexer instance (modes: text, tag). */
export const templateLexer = new Lexer(
  { modes: { text: textTokens, tag: tagTokens }, defaultMode: 'text' },
  { positionTracking: 'full', ensureOptimizations: false },
);
