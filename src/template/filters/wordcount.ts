// Filter `wordcount`.
import type { FilterDef } from './types.ts';
import { toText } from '../ops.ts';

export const wordcountFilter: FilterDef = {
  name: 'wordcount',
  params: [],
  apply(value, _a, _env, _k) {
    return (toText(value).match(/\w+/gu) ?? []).length;
  },
};
