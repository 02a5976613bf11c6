// Filter `from_json_string`.
import type { FilterDef } from './types.ts';
import { PyError } from '../../python/index.ts';
import { toText } from '../ops.ts';

export const fromJsonStringFilter: FilterDef = {
  name: 'from_json_string',
  params: [],
  apply(value, _a, _env, _k) {
    try {
      return JSON.parse(toText(value)) as unknown;
    } catch (err) {
      throw new PyError('JSONDecodeError', (err as Error).message);
    }
  },
};
