// Filter `map`.
import type { FilterDef } from './types.ts';
import { PyError } from '../../python/index.ts';
import { iterate, attrPath } from './helpers.ts';

export const mapFilter: FilterDef = {
  name: 'map',
  params: ['*'],
  apply(value, a, env, k) {
    const items = iterate(value);
    if (Object.hasOwn(k, 'attribute')) {
      return items.map((x) => {
        try {
          return attrPath(x, k.attribute);
        } catch (err) {
          if (Object.hasOwn(k, 'default')) return k.default;
          throw err;
        }
      });
    }
    const [name, ...rest] = a;
    if (typeof name !== 'string') throw new PyError('FilterArgumentError', 'map requires a filter argument');
    return items.map((x) => env.callFilter(name, x, rest, {}));
  },
};
