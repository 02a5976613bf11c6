// The IR of one rule's criteria: what the interpreter walks and the code generator compiles.
import type { RuleModel } from '../model/index.ts';
import type { KeyPath } from './key-path.ts';
import type { OperatorDefinition } from './operators/index.ts';

/** The template context of a pattern: `trigger` (or `item` in search children), `st2kv`, `system`. */
export type PatternContext = Readonly<Record<string, unknown>>;

export type PatternIR =
  | { kind: 'constant'; value: unknown }
  | { kind: 'template'; render: (context: PatternContext) => unknown }
  /** A pattern that does not compile: every render raises (as st2's Jinja would), the criterion is false. */
  | { kind: 'broken'; pyClass: string; message: string };

export type KeyIR = { kind: 'path'; path: KeyPath } | { kind: 'broken'; message: string };

export interface CriterionIR {
  /** The key as written (`#suffix` included): st2 uses it in failure reasons. */
  key: string;
  /** `type` as written; undefined when missing (the criterion is false and nothing is recorded). */
  type: string | undefined;
  rawPattern: unknown;
  /** Resolved from `type.lower()`; undefined for a missing or unknown type. */
  operator: OperatorDefinition | undefined;
  /** st2 calls search only when the raw type is exactly "search". */
  isSearch: boolean;
  condition: unknown;
  /** Child criteria of `search` when the pattern is a dict (keys rooted at `item`). */
  children?: CriterionIR[];
  pattern: PatternIR;
  keyPath: KeyIR;
  /** file:line of the criterion, for generated-code comments and explanations. */
  location: string;
}

export interface CompiledCriteria {
  rule: RuleModel;
  criteria: CriterionIR[];
}
