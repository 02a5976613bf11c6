// `search` (spec §4.5): child criteria over the elements of a list. Called as a plain operator (type
// spelled other than exactly "search", e.g. "SEARCH") it raises TypeError, as st2's two-argument call does.
import { PyError, isDict, pyTypeName } from '../../python/index.ts';
import { _ } from '../../codegen/index.ts';
import type { OperatorDefinition } from './types.ts';

export const SEARCH_CONDITIONS = ['any', 'all', 'any2any', 'all2any'] as const;
export type SearchCondition = (typeof SEARCH_CONDITIONS)[number];

export function isSearchCondition(c: unknown): c is SearchCondition {
  return typeof c === 'string' && (SEARCH_CONDITIONS as readonly string[]).includes(c);
}

/** The elements st2 iterates: a dict is wrapped, a string iterated by character, None and numbers raise. */
export function searchItems(value: unknown): unknown[] {
  if (isDict(value)) return [value];
  if (Array.isArray(value)) return value as unknown[];
  if (typeof value === 'string') return Array.from(value);
  throw new PyError('TypeError', `'${pyTypeName(value ?? null)}' object is not iterable`);
}

/** st2's `search(value, pattern, condition, check)`: every (element, child) pair is checked, no short-circuit. */
export function search(
  value: unknown,
  childCount: number,
  condition: unknown,
  check: (childIndex: number, item: unknown) => boolean,
): boolean {
  if (!isSearchCondition(condition)) {
    throw new PyError(
      'UnrecognizedConditionError',
      `The '${String(condition)}' condition is not recognized for type search, 'any', 'all', 'any2any' and 'all2any' are allowed.`,
    );
  }
  const items = searchItems(value);
  const itemMatch = condition === 'any' || condition === 'any2any' ? 'some' : 'every';
  const childMatch = condition === 'all2any' || condition === 'any2any' ? 'some' : 'every';
  const perItem = items.map((item) => {
    const results: boolean[] = [];
    for (let c = 0; c < childCount; c++) results.push(check(c, item));
    return childMatch === 'some' ? results.some(Boolean) : results.every(Boolean);
  });
  return itemMatch === 'some' ? perItem.some(Boolean) : perItem.every(Boolean);
}

export const searchOperator: OperatorDefinition = {
  name: 'search',
  aliases: [],
  noneGuard: false,
  mayRaise: true,
  interpret: () => {
    throw new PyError(
      'TypeError',
      "search() missing 2 required positional arguments: 'criteria_condition' and 'check_function'",
    );
  },
  generate: ({ value, pattern, rt }) => _`${rt}.op.search.interpret(${value}, ${pattern})`,
};
