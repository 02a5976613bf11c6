// `nexists`: `value is None` (missing and explicit null alike).
import { _ } from '../../codegen/index.ts';
import type { OperatorDefinition } from './types.ts';

export const nexists: OperatorDefinition = {
  name: 'nexists',
  aliases: [],
  noneGuard: false,
  mayRaise: false,
  interpret: (value) => value === undefined || value === null,
  generate: ({ value }) => _`${value} == null`,
};
