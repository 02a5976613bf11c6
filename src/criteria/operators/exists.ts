// `exists`: `value is not None` (False, 0 and "" exist; the pattern is ignored).
import { _ } from '../../codegen/index.ts';
import type { OperatorDefinition } from './types.ts';

export const exists: OperatorDefinition = {
  name: 'exists',
  aliases: [],
  noneGuard: false,
  mayRaise: false,
  interpret: (value) => value !== undefined && value !== null,
  generate: ({ value }) => _`${value} != null`,
};
