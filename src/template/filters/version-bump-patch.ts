// Filter `version_bump_patch`.
import type { FilterDef } from './types.ts';
import { str } from './helpers.ts';
import { parseVersion } from '../semver.ts';

export const versionBumpPatchFilter: FilterDef = {
  name: 'version_bump_patch',
  params: [],
  apply(value, _a, _env, _k) {
    const [x, y, z] = parseVersion(str(value));
    return `${x}.${y}.${z + 1}`;
  },
};
