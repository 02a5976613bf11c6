// Concrete syntax of the Jinja2 subset: statements (if/for/set), output tags and Jinja's expression
// precedence (conditional < or < and < not < comparisons < + - < ~ < * / // % < ** < unary < filters/tests).
// Pure: no meaning here, the visitor in src/template builds the AST. One instance, reused.
import { CstParser } from '../chevrotain.ts';
import * as T from './tokens.ts';

export class TemplateParser extends CstParser {
  constructor() {
    super(T.allTokens, { maxLookahead: 3, recoveryEnabled: false, nodeLocationTracking: 'full' });
    this.performSelfAnalysis();
  }

  public template = this.RULE('template', () => {
    this.SUBRULE(this.elements);
  });

  public elements = this.RULE('elements', () => {
    // Chevrotain does not look past a repetition, so the block-closing tags end it explicitly.
    this.MANY({ GATE: () => !this.atBlockEnd(), DEF: () => this.SUBRULE(this.element) });
  });

  private atBlockEnd(): boolean {
    if (this.LA(1).tokenType !== T.BlockOpen) return false;
    const next = this.LA(2).tokenType;
    return next === T.Elif || next === T.Else || next === T.EndIf || next === T.EndFor;
  }

  public element = this.RULE('element', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Text) },
      { ALT: () => this.CONSUME(T.Raw) },
      { ALT: () => this.SUBRULE(this.output) },
      { ALT: () => this.SUBRULE(this.ifBlock) },
      { ALT: () => this.SUBRULE(this.forBlock) },
      { ALT: () => this.SUBRULE(this.setStmt) },
    ]);
  });

  public output = this.RULE('output', () => {
    this.CONSUME(T.VarOpen);
    this.SUBRULE(this.tupleExpr);
    this.CONSUME(T.VarClose);
  });

  public ifBlock = this.RULE('ifBlock', () => {
    this.CONSUME(T.BlockOpen);
    this.CONSUME(T.If);
    this.SUBRULE(this.tupleExpr);
    this.CONSUME(T.BlockClose);
    this.SUBRULE(this.elements);
    this.MANY(() => this.SUBRULE(this.elifClause));
    this.OPTION(() => this.SUBRULE(this.elseClause));
    this.CONSUME2(T.BlockOpen);
    this.CONSUME(T.EndIf);
    this.CONSUME2(T.BlockClose);
  });

  public elifClause = this.RULE('elifClause', () => {
    this.CONSUME(T.BlockOpen);
    this.CONSUME(T.Elif);
    this.SUBRULE(this.tupleExpr);
    this.CONSUME(T.BlockClose);
    this.SUBRULE(this.elements);
  });

  public elseClause = this.RULE('elseClause', () => {
    this.CONSUME(T.BlockOpen);
    this.CONSUME(T.Else);
    this.CONSUME(T.BlockClose);
    this.SUBRULE(this.elements);
  });

  public forBlock = this.RULE('forBlock', () => {
    this.CONSUME(T.BlockOpen);
    this.CONSUME(T.For);
    this.SUBRULE(this.targets);
    this.CONSUME(T.In);
    this.SUBRULE(this.orExpr);
    this.OPTION(() => {
      this.CONSUME(T.If);
      this.SUBRULE2(this.orExpr);
    });
    this.CONSUME(T.BlockClose);
    this.SUBRULE(this.elements);
    this.OPTION2(() => this.SUBRULE(this.elseClause));
    this.CONSUME2(T.BlockOpen);
    this.CONSUME(T.EndFor);
    this.CONSUME2(T.BlockClose);
  });

  public targets = this.RULE('targets', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME(T.Identifier) });
          this.CONSUME(T.RParen);
        },
      },
      { ALT: () => this.AT_LEAST_ONE_SEP2({ SEP: T.Comma, DEF: () => this.CONSUME2(T.Identifier) }) },
    ]);
  });

  public setStmt = this.RULE('setStmt', () => {
    this.CONSUME(T.BlockOpen);
    this.CONSUME(T.Set);
    this.SUBRULE(this.targets);
    this.CONSUME(T.Assign);
    this.SUBRULE(this.tupleExpr);
    this.CONSUME(T.BlockClose);
  });

  // `a, b` at the top of an output or set is a tuple, as in Jinja.
  public tupleExpr = this.RULE('tupleExpr', () => {
    this.SUBRULE(this.expression);
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.SUBRULE2(this.expression);
    });
  });

  public expression = this.RULE('expression', () => {
    this.SUBRULE(this.orExpr);
    this.OPTION(() => {
      this.CONSUME(T.If);
      this.SUBRULE2(this.orExpr);
      this.OPTION2(() => {
        this.CONSUME(T.Else);
        this.SUBRULE(this.expression);
      });
    });
  });

  public orExpr = this.RULE('orExpr', () => {
    this.AT_LEAST_ONE_SEP({ SEP: T.Or, DEF: () => this.SUBRULE(this.andExpr) });
  });

  public andExpr = this.RULE('andExpr', () => {
    this.AT_LEAST_ONE_SEP({ SEP: T.And, DEF: () => this.SUBRULE(this.notExpr) });
  });

  public notExpr = this.RULE('notExpr', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Not);
          this.SUBRULE(this.notExpr);
        },
      },
      { ALT: () => this.SUBRULE(this.compareExpr) },
    ]);
  });

  public compareExpr = this.RULE('compareExpr', () => {
    this.SUBRULE(this.math1);
    this.MANY(() => {
      this.SUBRULE(this.compareOp);
      this.SUBRULE2(this.math1);
    });
  });

  public compareOp = this.RULE('compareOp', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Eq) },
      { ALT: () => this.CONSUME(T.Ne) },
      { ALT: () => this.CONSUME(T.Le) },
      { ALT: () => this.CONSUME(T.Ge) },
      { ALT: () => this.CONSUME(T.Lt) },
      { ALT: () => this.CONSUME(T.Gt) },
      { ALT: () => this.CONSUME(T.In) },
      {
        ALT: () => {
          this.CONSUME(T.Not);
          this.CONSUME2(T.In);
        },
      },
    ]);
  });

  public math1 = this.RULE('math1', () => {
    this.SUBRULE(this.concat);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Plus) }, { ALT: () => this.CONSUME(T.Minus) }]);
      this.SUBRULE2(this.concat);
    });
  });

  public concat = this.RULE('concat', () => {
    this.AT_LEAST_ONE_SEP({ SEP: T.Tilde, DEF: () => this.SUBRULE(this.math2) });
  });

  public math2 = this.RULE('math2', () => {
    this.SUBRULE(this.pow);
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Star) },
        { ALT: () => this.CONSUME(T.Slash) },
        { ALT: () => this.CONSUME(T.FloorDiv) },
        { ALT: () => this.CONSUME(T.Percent) },
      ]);
      this.SUBRULE2(this.pow);
    });
  });

  public pow = this.RULE('pow', () => {
    this.AT_LEAST_ONE_SEP({ SEP: T.Pow, DEF: () => this.SUBRULE(this.unary) });
  });

  // Filters and tests bind tighter than every binary operator, and apply after a unary sign: `-x|abs` = abs(-x).
  public unary = this.RULE('unary', () => {
    this.SUBRULE(this.signed);
    this.MANY(() => {
      this.OR([{ ALT: () => this.SUBRULE(this.filter) }, { ALT: () => this.SUBRULE(this.test) }]);
    });
  });

  public signed = this.RULE('signed', () => {
    this.OR([
      {
        ALT: () => {
          this.OR2([{ ALT: () => this.CONSUME(T.Minus) }, { ALT: () => this.CONSUME(T.Plus) }]);
          this.SUBRULE(this.signed);
        },
      },
      { ALT: () => this.SUBRULE(this.postfixExpr) },
    ]);
  });

  public postfixExpr = this.RULE('postfixExpr', () => {
    this.SUBRULE(this.primary);
    this.MANY(() => this.SUBRULE(this.postfix));
  });

  public filter = this.RULE('filter', () => {
    this.CONSUME(T.Pipe);
    this.CONSUME(T.AnyName);
    this.OPTION(() => this.SUBRULE(this.callArgs));
  });

  public test = this.RULE('test', () => {
    this.CONSUME(T.Is);
    this.OPTION(() => this.CONSUME(T.Not));
    this.OR([{ ALT: () => this.CONSUME(T.AnyName) }]);
    this.OPTION2(() => {
      this.OR2([{ ALT: () => this.SUBRULE(this.callArgs) }, { ALT: () => this.SUBRULE(this.testArg) }]);
    });
  });

  // A test argument without parentheses: `x is divisibleby 3`, `x is in [1, 2]`.
  public testArg = this.RULE('testArg', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Identifier) },
      { ALT: () => this.CONSUME(T.StringLit) },
      { ALT: () => this.CONSUME(T.Integer) },
      { ALT: () => this.CONSUME(T.Float) },
      { ALT: () => this.SUBRULE(this.listLit) },
      { ALT: () => this.SUBRULE(this.dictLit) },
    ]);
    this.MANY(() => this.SUBRULE(this.postfix));
  });

  public primary = this.RULE('primary', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Identifier) },
      { ALT: () => this.AT_LEAST_ONE(() => this.CONSUME(T.StringLit)) },
      { ALT: () => this.CONSUME(T.Integer) },
      { ALT: () => this.CONSUME(T.Float) },
      { ALT: () => this.SUBRULE(this.parenExpr) },
      { ALT: () => this.SUBRULE(this.listLit) },
      { ALT: () => this.SUBRULE(this.dictLit) },
    ]);
  });

  // Trailing commas are allowed, and make `(1,)` a tuple.
  public parenExpr = this.RULE('parenExpr', () => {
    this.CONSUME(T.LParen);
    this.SUBRULE(this.expressionList);
    this.CONSUME(T.RParen);
  });

  public listLit = this.RULE('listLit', () => {
    this.CONSUME(T.LBracket);
    this.SUBRULE(this.expressionList);
    this.CONSUME(T.RBracket);
  });

  public expressionList = this.RULE('expressionList', () => {
    this.OPTION(() => {
      this.SUBRULE(this.expression);
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.OPTION2(() => this.SUBRULE2(this.expression));
      });
    });
  });

  public dictLit = this.RULE('dictLit', () => {
    this.CONSUME(T.LBrace);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.dictEntry) });
    this.CONSUME(T.RBrace);
  });

  public dictEntry = this.RULE('dictEntry', () => {
    this.SUBRULE(this.expression);
    this.CONSUME(T.Colon);
    this.SUBRULE2(this.expression);
  });

  public postfix = this.RULE('postfix', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Dot);
          this.OR2([{ ALT: () => this.CONSUME(T.AnyName) }, { ALT: () => this.CONSUME(T.Integer) }]);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.LBracket);
          this.SUBRULE(this.subscript);
          this.CONSUME(T.RBracket);
        },
      },
      { ALT: () => this.SUBRULE(this.callArgs) },
    ]);
  });

  public subscript = this.RULE('subscript', () => {
    this.OR([
      {
        ALT: () => {
          this.SUBRULE(this.expression);
          this.OPTION(() => this.SUBRULE(this.sliceRest));
        },
      },
      { ALT: () => this.SUBRULE2(this.sliceRest) },
    ]);
  });

  public sliceRest = this.RULE('sliceRest', () => {
    this.CONSUME(T.Colon);
    this.OPTION(() => this.SUBRULE(this.expression, { LABEL: 'stop' }));
    this.OPTION2(() => {
      this.CONSUME2(T.Colon);
      this.OPTION3(() => this.SUBRULE2(this.expression, { LABEL: 'step' }));
    });
  });

  public callArgs = this.RULE('callArgs', () => {
    this.CONSUME(T.LParen);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.argument) });
    this.CONSUME(T.RParen);
  });

  public argument = this.RULE('argument', () => {
    this.OPTION(() => {
      this.CONSUME(T.Identifier);
      this.CONSUME(T.Assign);
    });
    this.SUBRULE(this.expression);
  });
}

/** The one parser instance: set `.input` and call `.template()`. */
export const templateParser = new TemplateParser();
