// Concrete syntax of jsonpath_rw (jsonpath_rw/parser.py) with its precedence:
// `where` < `|` `&` < `.` `..` < `[...]`. Pure: the visitor in src/criteria/key-path builds the AST.
import { CstParser } from '../chevrotain.ts';
import * as T from './tokens.ts';

export class KeyPathParser extends CstParser {
  constructor() {
    super(T.allTokens, { maxLookahead: 3, recoveryEnabled: false });
    this.performSelfAnalysis();
  }

  public path = this.RULE('path', () => {
    this.SUBRULE(this.union);
    this.MANY(() => {
      this.CONSUME(T.Where);
      this.SUBRULE2(this.union);
    });
  });

  public union = this.RULE('union', () => {
    this.SUBRULE(this.chain);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Pipe) }, { ALT: () => this.CONSUME(T.Amp) }]);
      this.SUBRULE2(this.chain);
    });
  });

  // atom ( '.' atom | '..' atom | '[' bracket ']' )*
  public chain = this.RULE('chain', () => {
    this.SUBRULE(this.atom);
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.Dot);
            this.SUBRULE2(this.atom);
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.DotDot);
            this.SUBRULE3(this.atom);
          },
        },
        { ALT: () => this.SUBRULE(this.bracket) },
      ]);
    });
  });

  public atom = this.RULE('atom', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.fields) },
      { ALT: () => this.CONSUME(T.Star) },
      { ALT: () => this.CONSUME(T.Dollar) },
      { ALT: () => this.CONSUME(T.NamedOperator) },
      { ALT: () => this.SUBRULE(this.bracket) },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.SUBRULE(this.path);
          this.CONSUME(T.RParen);
        },
      },
    ]);
  });

  public fields = this.RULE('fields', () => {
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.name) });
  });

  public name = this.RULE('name', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Id) },
      { ALT: () => this.CONSUME(T.SingleQuoted) },
      { ALT: () => this.CONSUME(T.DoubleQuoted) },
    ]);
  });

  // '[' (fields | '*' | NUMBER | slice) ']'; a slice is `a:b` with both ends optional.
  public bracket = this.RULE('bracket', () => {
    this.CONSUME(T.LBracket);
    this.OR([
      { ALT: () => this.SUBRULE(this.fields) },
      { ALT: () => this.CONSUME(T.Star) },
      {
        ALT: () => {
          this.OPTION(() => this.CONSUME(T.Number));
          this.OPTION2(() => {
            this.CONSUME(T.Colon);
            this.OPTION3(() => this.CONSUME2(T.Number));
          });
        },
      },
    ]);
    this.CONSUME(T.RBracket);
  });
}

/** The one parser instance (chevrotain parsers are reusable: set `input`, call a rule). */
export const keyPathParser = new KeyPathParser();
