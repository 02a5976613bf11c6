// The catalogue of stable codes: one file per stage, assembled here. docs/errors.md is generated from it.
import type { CodeDefinition, HttpErrorDefinition } from '../types.ts';
import { packCodes } from './pack.ts';
import { schemaCodes } from './schema.ts';
import { templateCodes } from './template.ts';
import { criteriaCodes } from './criteria.ts';
import { actionCodes } from './actions.ts';
import { webhookCodes } from './webhook.ts';
import { httpErrors } from './http.ts';

export const codes: Readonly<Record<string, CodeDefinition>> = {
  ...packCodes,
  ...schemaCodes,
  ...templateCodes,
  ...criteriaCodes,
  ...actionCodes,
  ...webhookCodes,
};

export { httpErrors };
export type { CodeDefinition, HttpErrorDefinition };

/** Looks a code up; an unknown code is a bug in the caller, so it throws. */
export function codeDefinition(code: string): CodeDefinition {
  const def = codes[code];
  if (!def) throw new Error(`unknown diagnostic code ${code}`);
  return def;
}
