// Diagnostic codes of the webhook stage. Codes are stable: never rename one, only deprecate it.
import type { CodeDefinition } from '../types.ts';

export const webhookCodes = {
} satisfies Record<string, CodeDefinition>;
