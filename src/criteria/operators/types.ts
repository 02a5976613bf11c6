// The shape of one operator file: StackStorm's function as a reference interpreter plus a code generator.
import type { Code, Name, Scope } from '../../codegen/index.ts';

export interface GenerateArgs {
  /** The resolved value (undefined = None). */
  value: Name;
  /** The rendered pattern: a quoted constant, or a name holding the rendered value. */
  pattern: Code;
  /** Present when the pattern is known at compile time. */
  constant?: { value: unknown };
  scope: Scope;
  /** The runtime helpers object (src/criteria/runtime.ts). */
  rt: Name;
}

export interface OperatorDefinition {
  /** Canonical name (common/operators.py). */
  readonly name: string;
  readonly aliases: readonly string[];
  /** StackStorm returns false when the pattern is None, before anything else. */
  readonly noneGuard: boolean;
  /** Whether it can raise for some value (then the generated code guards it with try/catch). */
  readonly mayRaise: boolean;
  /** The reference semantics; throws PyError where Python raises. Value and pattern: undefined/null = None. */
  interpret(value: unknown, pattern: unknown): boolean;
  /** A boolean JavaScript expression with the same semantics (pattern not None when noneGuard). */
  generate(args: GenerateArgs): Code;
}
