// Filter `version_compare`.
import type { FilterDef } from './types.ts';
import { str } from './helpers.ts';
import { compareVersions } from '../semver.ts';

export const versionCompareFilter: FilterDef = {
  name: 'version_compare',
  params: ['other'],
  apply(value, a, _env, _k) {
    return compareVersions(str(value), str(a[0]));
  },
};
