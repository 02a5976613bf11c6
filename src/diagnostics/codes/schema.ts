// Diagnostic codes of the schema stage. Codes are stable: never rename one, only deprecate it.
import type { CodeDefinition } from '../types.ts';

export const schemaCodes = {
} satisfies Record<string, CodeDefinition>;
