// `matchwildcard`: `fnmatch.fnmatch(value, pattern)` (POSIX, case-sensitive, whole string).
import { PyError, pyTypeName } from '../../python/index.ts';
import { _ } from '../../codegen/index.ts';
import { fnmatch } from '../fnmatch.ts';
import type { OperatorDefinition } from './types.ts';

function check(value: unknown, pattern: unknown): boolean {
  // posixpath.normcase(name) runs first and rejects anything but str/bytes/PathLike.
  if (typeof value !== 'string')
    throw new PyError('TypeError', `expected str, bytes or os.PathLike object, not ${pyTypeName(value ?? null)}`);
  if (typeof pattern !== 'string')
    throw new PyError('TypeError', `expected str, bytes or os.PathLike object, not ${pyTypeName(pattern)}`);
  return fnmatch(value, pattern);
}

export const matchwildcard: OperatorDefinition = {
  name: 'matchwildcard',
  aliases: [],
  noneGuard: true,
  mayRaise: true,
  interpret: check,
  generate: ({ value, pattern, rt }) => _`${rt}.op.matchwildcard.interpret(${value}, ${pattern})`,
};
