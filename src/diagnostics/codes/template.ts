// Diagnostic codes of the template stage. Codes are stable: never rename one, only deprecate it.
import type { CodeDefinition } from '../types.ts';

export const templateCodes = {
} satisfies Record<string, CodeDefinition>;
