// The shape of one filter definition (one file per filter, listed in index.ts).
export interface FilterEnv {
  callFilter(name: string, value: unknown, args: unknown[], kwargs: Record<string, unknown>): unknown;
  callTest(name: string, value: unknown, args: unknown[]): boolean;
}

export interface FilterDef {
  name: string;
  aliases?: readonly string[];
  /** Parameter names after the value, in order: keyword arguments map onto them. `*` = variadic rest. */
  params: readonly string[];
  /** Takes any number of extra positional arguments (params holds '*'). */
  variadic?: boolean;
  /** Receives an Undefined input instead of raising (`default`). */
  acceptsUndefined?: boolean;
  apply(value: unknown, args: unknown[], env: FilterEnv, kwargs: Record<string, unknown>): unknown;
}
