// Tokens of the jsonpath_rw 1.4 dialect StackStorm resolves criteria keys with (spec §4.2,
// jsonpath_rw/lexer.py): dashes inside names, quoted names with backslash escapes, signed integers.
import { createToken, Lexer } from '../chevrotain.ts';

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t]+/, group: Lexer.SKIPPED });
// `where` is a keyword only as a whole word; ID is its longer alternative.
export const Id = createToken({ name: 'Id', pattern: /[a-zA-Z_@][a-zA-Z0-9_@-]*/ });
export const Where = createToken({ name: 'Where', pattern: /where/, longer_alt: Id });
export const Number = createToken({ name: 'Number', pattern: /-?\d+/ });
export const SingleQuoted = createToken({ name: 'SingleQuoted', pattern: /'(?:[^'\\]|\\.)*'/ });
export const DoubleQuoted = createToken({ name: 'DoubleQuoted', pattern: /"(?:[^"\\]|\\.)*"/ });
export const NamedOperator = createToken({ name: 'NamedOperator', pattern: /`(?:[^`\\]|\\.)*`/ });
export const DotDot = createToken({ name: 'DotDot', pattern: /\.\./ });
export const Dot = createToken({ name: 'Dot', pattern: /\./ });
export const Star = createToken({ name: 'Star', pattern: /\*/ });
export const Dollar = createToken({ name: 'Dollar', pattern: /\$/ });
export const LBracket = createToken({ name: 'LBracket', pattern: /\[/ });
export const RBracket = createToken({ name: 'RBracket', pattern: /]/ });
export const LParen = createToken({ name: 'LParen', pattern: /\(/ });
export const RParen = createToken({ name: 'RParen', pattern: /\)/ });
export const Comma = createToken({ name: 'Comma', pattern: /,/ });
export const Colon = createToken({ name: 'Colon', pattern: /:/ });
export const Pipe = createToken({ name: 'Pipe', pattern: /\|/ });
export const Amp = createToken({ name: 'Amp', pattern: /&/ });

export const allTokens = [
  WhiteSpace,
  Where,
  Id,
  Number,
  SingleQuoted,
  DoubleQuoted,
  NamedOperator,
  DotDot,
  Dot,
  Star,
  Dollar,
  LBracket,
  RBracket,
  LParen,
  RParen,
  Comma,
  Colon,
  Pipe,
  Amp,
];

export const keyPathLexer = new Lexer(allTokens, { positionTracking: 'onlyOffset', ensureOptimizations: false });
