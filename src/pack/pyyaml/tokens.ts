// Tokens of libyaml's scanner (scanner.c) and the marks that place them.

/** A place in the normalized text: UTF-16 offset, 0-based line, and code-point column and index. */
export interface Mark {
  pos: number;
  line: number;
  /** Code points since the line start: what libyaml compares indentation with. */
  column: number;
  /** Code points since the start: libyaml's 1024-character limit of simple keys counts these. */
  index: number;
}

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded';

export type TokenType =
  | 'STREAM-START'
  | 'STREAM-END'
  | 'VERSION-DIRECTIVE'
  | 'TAG-DIRECTIVE'
  | 'DOCUMENT-START'
  | 'DOCUMENT-END'
  | 'BLOCK-SEQUENCE-START'
  | 'BLOCK-MAPPING-START'
  | 'BLOCK-END'
  | 'FLOW-SEQUENCE-START'
  | 'FLOW-SEQUENCE-END'
  | 'FLOW-MAPPING-START'
  | 'FLOW-MAPPING-END'
  | 'BLOCK-ENTRY'
  | 'FLOW-ENTRY'
  | 'KEY'
  | 'VALUE'
  | 'ALIAS'
  | 'ANCHOR'
  | 'TAG'
  | 'SCALAR';

export interface Token {
  type: TokenType;
  start: Mark;
  end: Mark;
  /** SCALAR: the value; ALIAS and ANCHOR: the name; TAG-DIRECTIVE: the prefix. */
  value?: string;
  style?: ScalarStyle;
  /** TAG and TAG-DIRECTIVE. */
  handle?: string;
  /** TAG. */
  suffix?: string;
  /** VERSION-DIRECTIVE. */
  major?: number;
  minor?: number;
}

const NAMES: Record<TokenType, string> = {
  'STREAM-START': 'the start of the file',
  'STREAM-END': 'the end of the file',
  'VERSION-DIRECTIVE': "'%YAML'",
  'TAG-DIRECTIVE': "'%TAG'",
  'DOCUMENT-START': "'---'",
  'DOCUMENT-END': "'...'",
  'BLOCK-SEQUENCE-START': 'a new list',
  'BLOCK-MAPPING-START': 'a new mapping',
  'BLOCK-END': 'the end of an indented block',
  'FLOW-SEQUENCE-START': "'['",
  'FLOW-SEQUENCE-END': "']'",
  'FLOW-MAPPING-START': "'{'",
  'FLOW-MAPPING-END': "'}'",
  'BLOCK-ENTRY': "'-'",
  'FLOW-ENTRY': "','",
  KEY: 'a key',
  VALUE: "':'",
  ALIAS: 'an alias',
  ANCHOR: 'an anchor',
  TAG: 'a tag',
  SCALAR: 'a scalar',
};

/** How a token is named in messages. */
export function tokenName(t: Token): string {
  return NAMES[t.type];
}
