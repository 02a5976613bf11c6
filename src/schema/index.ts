// Public surface of the schema stage: validation against rules/schema/ with positions, StackStorm-dialect schemas.
export { ajv, validator, st2Validator, st2ToDraft7, schemaDir } from './ajv.ts';
export type { SchemaName } from './ajv.ts';
export { validateDocument, validateSt2, mapAjvErrors, locate, pointerLabel } from './validate.ts';
export { declaresRetryOnAbandon, RETRY_ON_ABANDON_TAG } from './tags.ts';
export { fillConfigDefaults, maskConfigSecrets, CONFIG_MASK } from './pack-config.ts';
