// Filter `version_bump_minor`.
import type { FilterDef } from './types.ts';
import { str } from './helpers.ts';
import { parseVersion } from '../semver.ts';

export const versionBumpMinorFilter: FilterDef = {
  name: 'version_bump_minor',
  params: [],
  apply(value, _a, _env, _k) {
    const [x, y] = parseVersion(str(value));
    return `${x}.${y + 1}.0`;
  },
};
