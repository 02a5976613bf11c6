// Semantic versions for StackStorm's version_* filters (python-semver 2 semantics, prerelease ignored in bumps).
import { PyError } from '../python/index.ts';

export function parseVersion(v: string): [number, number, number, string] {
  const m = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(v);
  if (!m) throw new PyError('ValueError', `${v} is not valid SemVer string`);
  return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] ?? ''];
}

export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] as number) < (y[i] as number) ? -1 : 1;
  if (x[3] === y[3]) return 0;
  if (x[3] === '') return 1;
  if (y[3] === '') return -1;
  return x[3] < y[3] ? -1 : 1;
}

/** `version_match('1.2.3', '>=1.0.0')`. */
export function matchVersion(v: string, expr: string): boolean {
  const m = /^(<=|>=|==|!=|<|>)(.*)$/.exec(expr);
  if (!m)
    throw new PyError(
      'ValueError',
      `match_expr parameter should be in format <op><ver>, where <op> is one of ['<', '>', '==', '<=', '>=', '!=']. You provided: '${expr}'`,
    );
  const c = compareVersions(v, m[2] ?? '');
  switch (m[1]) {
    case '<':
      return c < 0;
    case '>':
      return c > 0;
    case '<=':
      return c <= 0;
    case '>=':
      return c >= 0;
    case '==':
      return c === 0;
    default:
      return c !== 0;
  }
}
