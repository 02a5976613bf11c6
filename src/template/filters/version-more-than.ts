// Filter `version_more_than`.
import type { FilterDef } from './types.ts';
import { str } from './helpers.ts';
import { compareVersions } from '../semver.ts';

export const versionMoreThanFilter: FilterDef = {
  name: 'version_more_than',
  params: ['other'],
  apply(value, a, _env, _k) {
    return compareVersions(str(value), str(a[0])) > 0;
  },
};
