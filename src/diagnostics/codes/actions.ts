// Diagnostic codes of the actions stage. Codes are stable: never rename one, only deprecate it.
import type { CodeDefinition } from '../types.ts';

export const actionCodes = {
} satisfies Record<string, CodeDefinition>;
