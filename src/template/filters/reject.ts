// Filter `reject`.
import type { FilterDef } from './types.ts';
import { pyTruthy } from '../../python/index.ts';
import { toText } from '../ops.ts';
import { iterate } from './helpers.ts';

export const rejectFilter: FilterDef = {
  name: 'reject',
  params: ['*'],
  apply(value, a, env, _k) {
    const [test, ...rest] = a;
    return iterate(value).filter(
      (x) =>
        (test === undefined ? pyTruthy(x) : env.callTest(typeof test === 'string' ? test : toText(test), x, rest)) ===
        false,
    );
  },
};
