// The one exception of the YAML reader: thrown inside the scanner, parser and constructor (a recursive
// descent is much simpler that way) and turned into a diagnostic value at the public boundary.
import type { Mark, TokenType } from './tokens.ts';

/** What the scanner and parser knew when they refused: enough to explain an indentation mistake. */
export interface ErrorState {
  /** The scanner's block indentation (column of the innermost block collection), -1 at the top. */
  indent?: number;
  /** The token the parser found where it expected another. */
  found?: TokenType;
  /** The end of the offending node (constructor errors cover the whole value). */
  end?: Mark;
}

/** Which of PyYAML's stages refused the input (ReaderError, ScannerError, ... ConstructorError). */
export type YamlErrorKind = 'reader' | 'scanner' | 'parser' | 'composer' | 'constructor' | 'limit';

export class YamlError extends Error {
  readonly kind: YamlErrorKind;
  readonly problem: string;
  readonly problemMark: Mark;
  readonly context: string | undefined;
  readonly contextMark: Mark | undefined;
  readonly state: ErrorState;

  constructor(
    kind: YamlErrorKind,
    problem: string,
    problemMark: Mark,
    context?: string,
    contextMark?: Mark,
    state: ErrorState = {},
  ) {
    // A refusal is an expected outcome, not a bug: no stack trace (capturing one costs more than the parse).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(context ? `${context}: ${problem}` : problem);
    Error.stackTraceLimit = limit;
    this.kind = kind;
    this.problem = problem;
    this.problemMark = problemMark;
    this.context = context;
    this.contextMark = contextMark;
    this.state = state;
  }
}
