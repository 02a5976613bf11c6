// Diagnostic codes of the criteria stage. Codes are stable: never rename one, only deprecate it.
import type { CodeDefinition } from '../types.ts';

export const criteriaCodes = {
} satisfies Record<string, CodeDefinition>;
