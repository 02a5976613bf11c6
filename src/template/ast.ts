// The template AST: what the parser's visitor builds and what the checker, the code generator and the
// interpreter consume. Offsets (start/end) are 0-based indexes into the template source.

export interface Span {
  start: number;
  end: number;
}

export type Expr =
  | ({ type: 'const'; value: unknown } & Span)
  | ({ type: 'name'; name: string } & Span)
  | ({ type: 'getattr'; obj: Expr; attr: string } & Span)
  | ({ type: 'getitem'; obj: Expr; index: Expr } & Span)
  | ({ type: 'slice'; obj: Expr; lower: Expr | undefined; upper: Expr | undefined; step: Expr | undefined } & Span)
  | ({ type: 'call'; callee: Expr; args: Expr[]; kwargs: Kwarg[] } & Span)
  | ({ type: 'filter'; name: string; node: Expr; args: Expr[]; kwargs: Kwarg[] } & Span)
  | ({ type: 'test'; name: string; node: Expr; args: Expr[]; kwargs: Kwarg[]; negated: boolean } & Span)
  | ({ type: 'binop'; op: BinOp; left: Expr; right: Expr } & Span)
  | ({ type: 'unary'; op: '-' | '+'; operand: Expr } & Span)
  | ({ type: 'not'; operand: Expr } & Span)
  | ({ type: 'and' | 'or'; left: Expr; right: Expr } & Span)
  | ({ type: 'compare'; first: Expr; ops: Array<{ op: CompareOp; expr: Expr }> } & Span)
  | ({ type: 'cond'; test: Expr; then: Expr; else: Expr | undefined } & Span)
  | ({ type: 'list' | 'tuple'; items: Expr[] } & Span)
  | ({ type: 'dict'; pairs: Array<{ key: Expr; value: Expr }> } & Span);

export interface Kwarg {
  name: string;
  value: Expr;
}

export type BinOp = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '~';
export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in';

export type Stmt =
  | ({ type: 'text'; text: string } & Span)
  | ({ type: 'output'; expr: Expr } & Span)
  | ({ type: 'if'; branches: Array<{ test: Expr; body: Stmt[] }>; else: Stmt[] | undefined } & Span)
  | ({
      type: 'for';
      targets: string[];
      iter: Expr;
      filter: Expr | undefined;
      body: Stmt[];
      else: Stmt[] | undefined;
    } & Span)
  | ({ type: 'set'; targets: string[]; expr: Expr } & Span);

export interface TemplateAst {
  body: Stmt[];
}
