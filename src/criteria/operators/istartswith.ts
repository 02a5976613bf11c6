// `istartswith`: `value.lower().startswith(pattern.lower())`.
import { _ } from '../../codegen/index.ts';
import { affix, lower } from '../python-ops.ts';
import type { OperatorDefinition } from './types.ts';

export const istartswith: OperatorDefinition = {
  name: 'istartswith',
  aliases: [],
  noneGuard: true,
  mayRaise: true,
  interpret: (value, pattern) => affix('startswith', lower(value), lower(pattern)),
  generate: ({ value, pattern, rt }) => _`${rt}.op.istartswith.interpret(${value}, ${pattern})`,
};
