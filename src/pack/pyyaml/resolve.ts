// PyYAML's implicit resolvers (yaml/resolver.py, Resolver): which tag an untagged plain scalar gets, tried
// in registration order among those registered for its first character. Python's `$` also matches before
// a final line break, hence `\n?$` (reachable through the non-specific tag `!` on a quoted scalar).
import { TAG } from './nodes.ts';

type Resolver = [tag: string, pattern: RegExp, first: string];

/** A Python `re.match` pattern of alternatives anchored as PyYAML anchors them. */
function anchored(...alternatives: string[]): RegExp {
  return new RegExp(`^(?:${alternatives.join('|')})\n?$`);
}

const RESOLVERS: Resolver[] = [
  [TAG.bool, anchored('yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF'), 'yYnNtTfFoO'],
  [
    TAG.float,
    anchored(
      '[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?',
      '\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?',
      '[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*',
      '[-+]?\\.(?:inf|Inf|INF)',
      '\\.(?:nan|NaN|NAN)',
    ),
    '-+0123456789.',
  ],
  [
    TAG.int,
    anchored(
      '[-+]?0b[0-1_]+',
      '[-+]?0[0-7_]+',
      '[-+]?(?:0|[1-9][0-9_]*)',
      '[-+]?0x[0-9a-fA-F_]+',
      '[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+',
    ),
    '-+0123456789',
  ],
  [TAG.merge, anchored('<<'), '<'],
  [TAG.null, anchored('~', 'null', 'Null', 'NULL', ''), '~nN'],
  [
    TAG.timestamp,
    anchored(
      '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]',
      '[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \\t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9]' +
        '(?:\\.[0-9]*)?(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?',
    ),
    '0123456789',
  ],
  [TAG.value, anchored('='), '='],
  [TAG.yaml, anchored('!', '&', '\\*'), '!&*'],
];

const BY_FIRST = new Map<string, Resolver[]>();
for (const r of RESOLVERS) {
  for (const c of r[2]) BY_FIRST.set(c, [...(BY_FIRST.get(c) ?? []), r]);
}

/** The tag of a scalar whose event had no specific tag; `plainImplicit` as libyaml sets it. */
export function resolveScalar(value: string, plainImplicit: boolean): string {
  if (!plainImplicit) return TAG.str;
  if (value === '') return TAG.null;
  for (const [tag, pattern] of BY_FIRST.get(value[0] ?? '') ?? []) if (pattern.test(value)) return tag;
  return TAG.str;
}
