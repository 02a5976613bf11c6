// `icontains`: `pattern.lower() in value.lower()` (strings only).
import { _ } from '../../codegen/index.ts';
import { lower } from '../python-ops.ts';
import type { OperatorDefinition } from './types.ts';

export const icontains: OperatorDefinition = {
  name: 'icontains',
  aliases: [],
  noneGuard: true,
  mayRaise: true,
  interpret: (value, pattern) => {
    const p = lower(pattern);
    return lower(value).includes(p);
  },
  generate: ({ value, pattern, constant, rt }) =>
    typeof constant?.value === 'string'
      ? _`${rt}.lower(${value}).includes(${constant.value.toLowerCase()})`
      : _`${rt}.op.icontains.interpret(${value}, ${pattern})`,
};
