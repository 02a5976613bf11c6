// The filter registry: one file per filter; the checker and both back ends look filters up here.
import type { FilterDef } from './types.ts';
import { defaultFilter } from './default.ts';
import { lowerFilter } from './lower.ts';
import { upperFilter } from './upper.ts';
import { titleFilter } from './title.ts';
import { capitalizeFilter } from './capitalize.ts';
import { trimFilter } from './trim.ts';
import { replaceFilter } from './replace.ts';
import { joinFilter } from './join.ts';
import { lengthFilter } from './length.ts';
import { firstFilter } from './first.ts';
import { lastFilter } from './last.ts';
import { listFilter } from './list.ts';
import { sortFilter } from './sort.ts';
import { uniqueFilter } from './unique.ts';
import { reverseFilter } from './reverse.ts';
import { intFilter } from './int.ts';
import { floatFilter } from './float.ts';
import { stringFilter } from './string.ts';
import { tojsonFilter } from './tojson.ts';
import { centerFilter } from './center.ts';
import { escapeFilter } from './escape.ts';
import { mapFilter } from './map.ts';
import { selectFilter } from './select.ts';
import { rejectFilter } from './reject.ts';
import { selectattrFilter } from './selectattr.ts';
import { rejectattrFilter } from './rejectattr.ts';
import { dictsortFilter } from './dictsort.ts';
import { itemsFilter } from './items.ts';
import { minFilter } from './min.ts';
import { maxFilter } from './max.ts';
import { sumFilter } from './sum.ts';
import { absFilter } from './abs.ts';
import { roundFilter } from './round.ts';
import { truncateFilter } from './truncate.ts';
import { urlencodeFilter } from './urlencode.ts';
import { indentFilter } from './indent.ts';
import { wordcountFilter } from './wordcount.ts';
import { batchFilter } from './batch.ts';
import { sliceFilter } from './slice.ts';
import { toComplexFilter } from './to-complex.ts';
import { toJsonStringFilter } from './to-json-string.ts';
import { toYamlStringFilter } from './to-yaml-string.ts';
import { fromJsonStringFilter } from './from-json-string.ts';
import { fromYamlStringFilter } from './from-yaml-string.ts';
import { jsonEscapeFilter } from './json-escape.ts';
import { jsonpathQueryFilter } from './jsonpath-query.ts';
import { regexMatchFilter } from './regex-match.ts';
import { regexSearchFilter } from './regex-search.ts';
import { regexReplaceFilter } from './regex-replace.ts';
import { regexSubstringFilter } from './regex-substring.ts';
import { toHumanTimeFromSecondsFilter } from './to-human-time-from-seconds.ts';
import { versionCompareFilter } from './version-compare.ts';
import { versionMoreThanFilter } from './version-more-than.ts';
import { versionLessThanFilter } from './version-less-than.ts';
import { versionEqualFilter } from './version-equal.ts';
import { versionMatchFilter } from './version-match.ts';
import { versionBumpMajorFilter } from './version-bump-major.ts';
import { versionBumpMinorFilter } from './version-bump-minor.ts';
import { versionBumpPatchFilter } from './version-bump-patch.ts';
import { versionStripPatchFilter } from './version-strip-patch.ts';
import { useNoneFilter } from './use-none.ts';
import { decryptKvFilter } from './decrypt-kv.ts';
import { basenameFilter } from './basename.ts';
import { dirnameFilter } from './dirname.ts';
import { shellQuoteFilter } from './shell-quote.ts';

const all: FilterDef[] = [
  defaultFilter,
  lowerFilter,
  upperFilter,
  titleFilter,
  capitalizeFilter,
  trimFilter,
  replaceFilter,
  joinFilter,
  lengthFilter,
  firstFilter,
  lastFilter,
  listFilter,
  sortFilter,
  uniqueFilter,
  reverseFilter,
  intFilter,
  floatFilter,
  stringFilter,
  tojsonFilter,
  centerFilter,
  escapeFilter,
  mapFilter,
  selectFilter,
  rejectFilter,
  selectattrFilter,
  rejectattrFilter,
  dictsortFilter,
  itemsFilter,
  minFilter,
  maxFilter,
  sumFilter,
  absFilter,
  roundFilter,
  truncateFilter,
  urlencodeFilter,
  indentFilter,
  wordcountFilter,
  batchFilter,
  sliceFilter,
  toComplexFilter,
  toJsonStringFilter,
  toYamlStringFilter,
  fromJsonStringFilter,
  fromYamlStringFilter,
  jsonEscapeFilter,
  jsonpathQueryFilter,
  regexMatchFilter,
  regexSearchFilter,
  regexReplaceFilter,
  regexSubstringFilter,
  toHumanTimeFromSecondsFilter,
  versionCompareFilter,
  versionMoreThanFilter,
  versionLessThanFilter,
  versionEqualFilter,
  versionMatchFilter,
  versionBumpMajorFilter,
  versionBumpMinorFilter,
  versionBumpPatchFilter,
  versionStripPatchFilter,
  useNoneFilter,
  decryptKvFilter,
  basenameFilter,
  dirnameFilter,
  shellQuoteFilter,
];

for (const d of all) if (d.params.includes('*')) d.variadic = true;

/** Filters by name and alias. */
export const filters: ReadonlyMap<string, FilterDef> = new Map(
  all.flatMap((d) => [d.name, ...(d.aliases ?? [])].map((n) => [n, d] as const)),
);
export const filterNames: readonly string[] = [...filters.keys()].sort();
export type { FilterDef, FilterEnv } from './types.ts';
