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

function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length]!;
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

/** Did-you-mean for an unknown operator name. */
export function suggestOperator(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (Object.hasOwn(FAMILIAR, lower)) return FAMILIAR[lower];
  let best: string | undefined;
  let bestD = Infinity;
  for (const n of operatorNames) {
    const dd = distance(lower, n);
    if (dd < bestD) {
      bestD = dd;
      best = n;
    }
  }
  return bestD <= Math.max(2, Math.floor(lower.length / 3)) ? best : undefined;
}
