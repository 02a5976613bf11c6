// Filter `version_strip_patch`.
import type { FilterDef } from './types.ts';
import { str } from './helpers.ts';
import { parseVersion } from '../semver.ts';

export const versionStripPatchFilter: FilterDef = {
  name: 'version_strip_patch',
  params: [],
  apply(value, _a, _env, _k) {
    const [x, y] = parseVersion(str(value));
    return `${x}.${y}`;
  },
};
