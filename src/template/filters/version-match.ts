// Filter `version_match`.
import type { FilterDef } from './types.ts';
import { str } from './helpers.ts';
import { matchVersion } from '../semver.ts';

export const versionMatchFilter: FilterDef = {
  name: 'version_match',
  params: ['other'],
  apply(value, a, _env, _k) {
    return matchVersion(str(value), str(a[0]));
  },
};
