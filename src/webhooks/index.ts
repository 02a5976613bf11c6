// Public surface of webhook options (packs/<pack>/webhooks/*.yaml, issue 9): reading and checking the options
// files of the packs (pack compiler side), signature verification, form and GET body decoding (runtime side).
// The options model is in src/model/webhook.ts; the diagnostic codes in src/diagnostics/codes/webhook.ts.
export { verifySignature, signatureFaultstring } from './verify.ts';
export { envSecretLookup, describeSecretRef } from './secrets.ts';
export { getHeader } from './headers.ts';
export { DEFAULT_TOLERANCE_SECONDS } from './timestamp.ts';
export {
  webhookOptionsFromDocument,
  checkWebhookConflicts,
  checkWebhookUrls,
  webhookOptionsSource,
  schemeNames,
  type WebhookDocumentInput,
} from './options.ts';
export { decodeJsonPayloadForm, isFormContentType, type FormDecodeResult } from './form.ts';
export { queryStringToBody, MAX_QUERY_KEYS, type QueryBodyResult } from './query-body.ts';
export { parseSignedRecipe } from './schemes/hmac.ts';
export { standardWebhooksKey } from './schemes/standard-webhooks.ts';
export { webhookBody, type WebhookBodyResult } from './options-body.ts';
export { loadWebhookOptions, type WebhookOptionsOutput } from './load.ts';
export {
  anyRuleMatches,
  checkWebhookSignature,
  customAnswer,
  defaultSecretLookup,
  hasContentType,
  needsSt2Auth,
  optionsBody,
  prepareWebhookResponses,
  webhookOptionsFor,
  type CustomAnswer,
  type SignatureContext,
} from './request.ts';
export { normaliseUrl } from './url.ts';
