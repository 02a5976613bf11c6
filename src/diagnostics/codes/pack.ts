// Diagnostic codes of the pack stage. Codes are stable: never rename one, only deprecate it.
import type { CodeDefinition } from '../types.ts';

export const packCodes = {
} satisfies Record<string, CodeDefinition>;
