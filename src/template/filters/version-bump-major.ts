// Filter `version_bump_major`.
import type { FilterDef } from './types.ts';
import { str } from './helpers.ts';
import { parseVersion } from '../semver.ts';

export const versionBumpMajorFilter: FilterDef = {
  name: 'version_bump_major',
  params: [],
  apply(value, _a, _env, _k) {
    const [x] = parseVersion(str(value));
    return `${x + 1}.0.0`;
  },
};
