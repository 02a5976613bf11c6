// The operator registry: StackStorm's 33 names (aliases included), looked up lower-cased like get_operator.
import { contains } from './contains.ts';
import { endswith } from './endswith.ts';
import { equals } from './equals.ts';
import { exists } from './exists.ts';
import { greaterthan } from './greaterthan.ts';
import { icontains } from './icontains.ts';
import { iendswith } from './iendswith.ts';
import { iequals } from './iequals.ts';
import { incontains } from './incontains.ts';
import { inside } from './inside.ts';
import { iregex } from './iregex.ts';
import { istartswith } from './istartswith.ts';
import { lessthan } from './lessthan.ts';
import { matchregex } from './matchregex.ts';
import { matchwildcard } from './matchwildcard.ts';
import { ncontains } from './ncontains.ts';
import { nequals } from './nequals.ts';
import { nexists } from './nexists.ts';
import { ninside } from './ninside.ts';
import { regex } from './regex.ts';
import { searchOperator } from './search.ts';
import { startswith } from './startswith.ts';
import { timediff_gt } from './timediff_gt.ts';
import { timediff_lt } from './timediff_lt.ts';
import type { OperatorDefinition } from './types.ts';
import { suggest } from '../../diagnostics/index.ts';

export type { OperatorDefinition, GenerateArgs } from './types.ts';
export { search, searchItems, isSearchCondition, SEARCH_CONDITIONS } from './search.ts';
export type { SearchCondition } from './search.ts';

export const operators: readonly OperatorDefinition[] = [
  matchwildcard,
  matchregex,
  regex,
  iregex,
  equals,
  nequals,
  iequals,
  contains,
  icontains,
  ncontains,
  incontains,
  startswith,
  istartswith,
  endswith,
  iendswith,
  lessthan,
  greaterthan,
  timediff_lt,
  timediff_gt,
  exists,
  nexists,
  inside,
  ninside,
  searchOperator,
];

const byName = new Map<string, OperatorDefinition>();
for (const op of operators) {
  byName.set(op.name, op);
  for (const alias of op.aliases) byName.set(alias, op);
}

/** Every accepted name, lower case, aliases included (33). */
export const operatorNames: readonly string[] = [...byName.keys()];

/** By canonical name: the runtime object generated code calls (`rt.op.regex.interpret(...)`). */
export const operatorsByCanonical: Readonly<Record<string, OperatorDefinition>> = Object.fromEntries(
  operators.map((o) => [o.name, o]),
);

/** `get_operator(name)`: lower-cases like StackStorm; undefined for an unknown name. */
export function lookupOperator(name: string): { canonical: string; definition: OperatorDefinition } | undefined {
  const def = byName.get(name.toLowerCase());
  return def ? { canonical: def.name, definition: def } : undefined;
}

// Names people write from other rule engines, mapped to StackStorm's.
const FAMILIAR: Readonly<Record<string, string>> = {
  ne: 'nequals',
  not_equals: 'nequals',
  match: 'regex',
  ilessthan: 'lessthan',
  '==': 'equals',
  '!=': 'nequals',
  not_in: 'ninside',
  notin: 'ninside',
  gte: 'greaterthan',
  lte: 'lessthan',
};

/** Did-you-mean for an unknown operator name: a familiar name from another engine, else the closest one. */
export function suggestOperator(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (Object.hasOwn(FAMILIAR, lower)) return FAMILIAR[lower];
  return suggest(lower, operatorNames);
}
