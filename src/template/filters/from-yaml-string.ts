// Filter `from_yaml_string`.
import type { FilterDef } from './types.ts';
import { pyYamlLoad } from '../yaml.ts';
import { PyError } from '../../python/index.ts';
import { toText } from '../ops.ts';

export const fromYamlStringFilter: FilterDef = {
  name: 'from_yaml_string',
  params: [],
  apply(value, _a, _env, _k) {
    try {
      return pyYamlLoad(toText(value));
    } catch (err) {
      throw new PyError('YAMLError', (err as Error).message);
    }
  },
};
