// `iendswith`: `value.lower().endswith(pattern.lower())`.
import { _ } from '../../codegen/index.ts';
import { affix, lower } from '../python-ops.ts';
import type { OperatorDefinition } from './types.ts';

export const iendswith: OperatorDefinition = {
  name: 'iendswith',
  aliases: [],
  noneGuard: true,
  mayRaise: true,
  interpret: (value, pattern) => affix('endswith', lower(value), lower(pattern)),
  generate: ({ value, pattern, rt }) => _`${rt}.op.iendswith.interpret(${value}, ${pattern})`,
};
