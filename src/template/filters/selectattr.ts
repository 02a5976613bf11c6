// Filter `selectattr`.
import type { FilterDef } from './types.ts';
import { pyTruthy } from '../../python/index.ts';
import { toText } from '../ops.ts';
import { iterate, attrPath } from './helpers.ts';

export const selectattrFilter: FilterDef = {
  name: 'selectattr',
  params: ['*'],
  apply(value, a, env, _k) {
    const [attr, test, ...rest] = a;
    return iterate(value).filter((x) => {
      const v = attrPath(x, attr);
      return (
        (test === undefined ? pyTruthy(v) : env.callTest(typeof test === 'string' ? test : toText(test), v, rest)) ===
        true
      );
    });
  },
};
