// The key-path grammar (jsonpath_rw dialect): tokens, the lexer and the one parser instance.
export * as tokens from './tokens.ts';
export { keyPathLexer } from './tokens.ts';
export { KeyPathParser, keyPathParser } from './parser.ts';
