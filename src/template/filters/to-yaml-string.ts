// Filter `to_yaml_string`: StackStorm: yaml.safe_dump (block style).
import type { FilterDef } from './types.ts';
import { stringify } from 'yaml';

export const toYamlStringFilter: FilterDef = {
  name: 'to_yaml_string',
  params: ['indent'],
  apply(value, a, _env, _k) {
    return stringify(value, { indent: typeof a[0] === 'number' ? a[0] : 2, indentSeq: false, sortMapEntries: true });
  },
};
