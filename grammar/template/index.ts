// The template grammar: tokens, the lexer and the one parser instance.
export * as tokens from './tokens.ts';
export { templateLexer } from './tokens.ts';
export { TemplateParser, templateParser } from './parser.ts';
