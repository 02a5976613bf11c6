// Filter `version_equal`.
import type { FilterDef } from './types.ts';
import { str } from './helpers.ts';
import { compareVersions } from '../semver.ts';

export const versionEqualFilter: FilterDef = {
  name: 'version_equal',
  params: ['other'],
  apply(value, a, _env, _k) {
    return compareVersions(str(value), str(a[0])) === 0;
  },
};
