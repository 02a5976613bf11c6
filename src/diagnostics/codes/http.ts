// HTTP errors of the runtime, with StackStorm's statuses and faultstrings (spec §1.8).
import type { HttpErrorDefinition } from '../types.ts';

export const httpErrors = {
} satisfies Record<string, HttpErrorDefinition>;
