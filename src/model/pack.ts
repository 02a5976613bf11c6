// The validated models the pack compiler produces: what later stages (criteria, ruleset, runtime, enforce) consume.
// Plain data only; positions are kept so any later stage can report at file:line:column.

/** A place in a file (1-based line and column, end exclusive). */
export interface Span {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * Where the pieces of a document are. `span('/criteria/trigger.body.x/pattern')` gives the value's span
 * (JSON pointer, RFC 6901 escaping). `scalarOffset(pointer, offset)` maps an offset inside a string
 * value (as parsed, after YAML unescaping) to its place in the file, for plain, quoted and block scalars.
 */
export interface SourceMap {
  file: string;
  span(pointer: string): Span | undefined;
  /** Span of the key of a mapping entry (for additionalProperties-style problems). */
  keySpan(pointer: string): Span | undefined;
  scalarOffset(pointer: string, start: number, end?: number): Span | undefined;
}

export interface PackModel {
  /** Pack ref (`ref`, else directory name, else `name`, as StackStorm derives it). */
  ref: string;
  name: string;
  version: string;
  description: string;
  /** Absolute path of the pack directory. */
  dir: string;
  /** Pack root (base path) it was found under. */
  root: string;
  /**
   * Parsed `configs/<pack>.yaml` (or the root's `configs/`), validated by `config.schema.yaml`; {} when absent.
   * As written: schema defaults and `{{ st2kv.system.x }}` values are resolved per execution (enforce/config.ts).
   */
  config: Record<string, unknown>;
  /** `config.schema.yaml` (property name -> schema) when the pack has one and it is valid. */
  configSchema?: Record<string, unknown>;
  /** The config file, when there is one. */
  configFile?: string;
  file: string;
}

/** One criterion exactly as written: key and the operator spec, in YAML order. */
export interface CriterionModel {
  key: string;
  /** Operator name as written (may be an alias or upper-case; the criteria stage resolves it). */
  type: string | undefined;
  pattern: unknown;
  /** `search` only. */
  condition?: unknown;
  /** JSON pointer of this criterion in the rule document, e.g. `/criteria/trigger.body.key1`. */
  pointer: string;
}

export interface RuleModel {
  /** `<pack>.<name>` */
  ref: string;
  pack: string;
  name: string;
  uid: string;
  description?: string;
  /** After pack overrides; false when omitted (StackStorm's default). */
  enabled: boolean;
  trigger: { type: string; parameters: Record<string, unknown> };
  /** In YAML order; StackStorm evaluates them in this order and stops at the first false. */
  criteria: CriterionModel[];
  action: { ref: string; parameters: Record<string, unknown> };
  /** `type.ref` of the rule: `standard` (default) or `backstop`. */
  kind: 'standard' | 'backstop';
  tags?: Array<{ name: string; value?: unknown }>;
  /** Path relative to the pack, as StackStorm's `metadata_file`. */
  metadataFile: string;
  file: string;
  source: SourceMap;
  /** Content hash of the file it came from (for caches and reloads). */
  hash: string;
}

/** One action parameter in StackStorm's dialect (draft-4 keywords plus required/secret/immutable/position). */
export interface ParameterSpec {
  type?: 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null';
  description?: string;
  default?: unknown;
  required?: boolean;
  secret?: boolean;
  immutable?: boolean;
  position?: number;
  enum?: unknown[];
  [keyword: string]: unknown;
}

export interface ActionModel {
  ref: string;
  pack: string;
  name: string;
  uid: string;
  description?: string;
  enabled: boolean;
  runnerType: string;
  /** As written; relative to the pack's `actions/` folder. */
  entryPoint: string;
  parameters: Record<string, ParameterSpec>;
  /** Tag `retry_on_abandon: "true"` (src/schema/tags.ts): recovery re-runs an interrupted execution. */
  retryOnAbandon?: boolean;
  /**
   * A built-in action of StackStorm's core or packs pack whose entry point (StackStorm's script) is not shipped:
   * rules calling it compile with a warning and its executions fail saying so (src/pack/builtins.ts).
   */
  definitionOnly?: true;
  /** Absolute path of the pack directory ('' for the built-in core and packs packs). */
  packDir: string;
  file: string;
  source?: SourceMap;
  hash: string;
}

export interface TriggerTypeModel {
  ref: string;
  pack: string;
  name: string;
  description?: string;
  payloadSchema: Record<string, unknown>;
  parametersSchema: Record<string, unknown>;
  /** True for built-in system types such as `core.st2.webhook`. */
  system: boolean;
  file: string;
  source?: SourceMap;
}
