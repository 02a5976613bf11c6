// Filter `version_less_than`.
import type { FilterDef } from './types.ts';
import { str } from './helpers.ts';
import { compareVersions } from '../semver.ts';

export const versionLessThanFilter: FilterDef = {
  name: 'version_less_than',
  params: ['other'],
  apply(value, a, _env, _k) {
    return compareVersions(str(value), str(a[0])) < 0;
  },
};
