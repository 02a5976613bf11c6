// The generic `st2` webhook (spec §1.6): `{"trigger": <ref or dict>, "payload": {...}}` fires any known trigger
// type, validated against its payload_schema.
import { pyStr, pyTruthy } from '../python/index.ts';
import type { RuleSet, TriggerEntry, TriggerTypeModel } from '../model/index.ts';
import { triggerRef } from '../ruleset/index.ts';
import { httpFault } from './errors.ts';
import type { HttpFault } from './errors.ts';
import { validatePayload } from './payload-schema.ts';

export type GenericResult =
  | {
      ok: true;
      /** Where the instance goes; undefined when st2 would accept but its worker finds no Trigger (nothing stored). */
      target: TriggerEntry | { type: string; ref: string } | undefined;
      payload: unknown;
      /** The 202 body. */
      echo: { trigger: unknown; payload: unknown };
    }
  | { ok: false; fault: HttpFault };

const own = (o: object, k: string): unknown => (Object.hasOwn(o, k) ? (o as Record<string, unknown>)[k] : undefined);

/** A Trigger (webhook or parameterless) by its ref, e.g. `core.<uuid>` or `mypack.mytrigger`. */
function findTrigger(ruleSet: RuleSet, ref: string): TriggerEntry | undefined {
  const shadow = ruleSet.triggers.get(ref);
  if (shadow) return shadow;
  for (const entries of ruleSet.webhooks.values()) for (const e of entries) if (e.ref === ref) return e;
  return undefined;
}

/**
 * The url of a webhook Trigger whose options require a signature (`auth: signature` or `both`). The generic
 * webhook authenticates with an API key only, so firing such a Trigger through it would skip the signature:
 * any key holder could forge that sender's deliveries (issue 16).
 */
function signedUrlOf(ruleSet: RuleSet, entry: TriggerEntry): string | undefined {
  const options = ruleSet.webhookOptions;
  if (!options) return undefined;
  for (const [url, entries] of ruleSet.webhooks)
    if (entries.includes(entry) && options.get(url)?.auth !== undefined && options.get(url)?.auth !== 'st2') return url;
  return undefined;
}

/** As the rule-set builder decides it: only types with an empty parameters_schema have a shadow Trigger. */
const isParameterless = (type: TriggerTypeModel): boolean => Object.keys(type.parametersSchema).length === 0;

export function handleGenericWebhook(body: unknown, ruleSet: RuleSet, validate: boolean = true): GenericResult {
  if (Array.isArray(body) || body === null || typeof body !== 'object') {
    return {
      ok: false,
      fault: httpFault('RULES_HTTP_GENERIC_NOT_OBJECT', { type: Array.isArray(body) ? 'array' : typeof body }),
    };
  }
  const trigger = own(body, 'trigger');
  if (!pyTruthy(trigger)) return { ok: false, fault: httpFault('RULES_HTTP_GENERIC_NO_TRIGGER') };
  const payload = own(body, 'payload') ?? null;
  const echo = { trigger, payload };

  // A TriggerType ref, a Trigger ref (`core.<uuid>`), or a dict whose `type` names the TriggerType.
  let typeRef: string | undefined;
  let trig: TriggerEntry | undefined;
  if (typeof trigger === 'string') {
    trig = findTrigger(ruleSet, trigger);
    typeRef = ruleSet.triggerTypes.has(trigger) ? trigger : trig?.type;
  } else if (trigger !== null && typeof trigger === 'object' && !Array.isArray(trigger)) {
    const t = own(trigger, 'type');
    typeRef = typeof t === 'string' ? t : undefined;
    const r = own(trigger, 'ref');
    // As st2's create_trigger_instance: by ref, else by type and parameters (get_trigger_db_given_type_and_params),
    // which is how a sensor's parameterised trigger (`linux.file_watch.line` with its file_path) is reached.
    const parameters = own(trigger, 'parameters');
    const byParameters =
      typeRef !== undefined && parameters !== null && typeof parameters === 'object' && !Array.isArray(parameters)
        ? Object.keys(parameters).length > 0
          ? ruleSet.triggers.get(triggerRef(typeRef, parameters as Record<string, unknown>))
          : ruleSet.triggers.get(typeRef)
        : undefined;
    trig =
      typeof r === 'string'
        ? findTrigger(ruleSet, r)
        : typeRef !== undefined
          ? (byParameters ?? (parameters === undefined ? ruleSet.triggers.get(typeRef) : undefined))
          : undefined;
  }
  const signed = trig === undefined ? undefined : signedUrlOf(ruleSet, trig);
  if (signed !== undefined)
    return { ok: false, fault: httpFault('RULES_HTTP_GENERIC_SIGNED_URL', { trigger: pyStr(trigger), hook: signed }) };
  const type = typeRef === undefined ? undefined : ruleSet.triggerTypes.get(typeRef);
  const fail = (error: string): GenericResult => ({
    ok: false,
    fault: httpFault('RULES_HTTP_GENERIC_PAYLOAD_INVALID', { trigger: pyStr(trigger), payload: pyStr(payload), error }),
  });
  if (!type) {
    const shown = typeRef ?? (typeof trigger === 'string' ? trigger : pyStr(trigger));
    const error = `Trigger type with reference "${shown}" doesn't exist in the database`;
    if (validate) return fail(error);
    return { ok: true, target: undefined, payload, echo };
  }
  const schema = type.payloadSchema;
  if (Object.keys(schema).length > 0) {
    const error = validatePayload(schema, payload);
    if (error !== undefined && validate) return fail(error);
  } else if (payload !== null && (typeof payload !== 'object' || Array.isArray(payload))) {
    // StackStorm's dispatcher raises TypeError here: a 500, not a validation message.
    return { ok: false, fault: httpFault('RULES_HTTP_INTERNAL') };
  }
  // Parameterised types (core.st2.webhook) have no shadow Trigger: st2 answers 202 and its worker drops it.
  const target = trig ?? (isParameterless(type) ? { type: type.ref, ref: type.ref } : undefined);
  return { ok: true, target, payload, echo };
}
