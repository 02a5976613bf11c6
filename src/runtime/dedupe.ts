// Delivery-id deduplication (issue 8, issue 9's `dedupe_header`): senders such as GitHub retry a delivery with
// the same id; a retry of an id accepted within the window is answered 202 like the first (same echo body, so
// the sender sees what StackStorm would send) plus `X-Rules-Duplicate: true`, and is neither stored nor
// dispatched again. StackStorm itself has no such check: without a delivery-id header nothing changes.
import type { IncomingHttpHeaders } from 'node:http';
import type { DeliveryStore } from '../store/index.ts';

/** Headers read when the url's options name none (GitHub's, and Standard Webhooks'). */
export const DEFAULT_DEDUPE_HEADERS: readonly string[] = ['X-GitHub-Delivery', 'webhook-id'];
export const DEFAULT_DEDUPE_WINDOW_MS = 24 * 60 * 60 * 1000;
export const DUPLICATE_HEADER = 'X-Rules-Duplicate';

export interface DedupeOptions {
  /** `[]` disables deduplication for urls without their own `dedupe_header`. */
  headers?: readonly string[];
  windowMs?: number;
  /** Injectable clock (epoch ms) for tests. */
  now?: () => number;
}

export interface Delivery {
  readonly hook: string;
  readonly id: string;
  readonly at: number;
}

export interface Deduper {
  /**
   * The delivery this request carries, or undefined when it has no id to dedupe on. `duplicate` is true when
   * the same (hook, id) was accepted within the window or is being accepted right now by another request.
   */
  check(
    hook: string,
    headers: IncomingHttpHeaders,
    urlHeader: string | undefined,
  ): Promise<{ delivery: Delivery; duplicate: boolean } | undefined>;
  /** Records an accepted delivery (after its trigger instances are committed). */
  accepted(delivery: Delivery, triggerInstanceId: string): Promise<void>;
  /** Forgets a claimed delivery that was not accepted (store failure, fault answer). */
  release(delivery: Delivery): void;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const raw = headers[name.toLowerCase()];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value === undefined || value.length === 0 ? undefined : value;
}

export function createDeduper(repository: DeliveryStore, options: DedupeOptions = {}): Deduper {
  const defaults = options.headers ?? DEFAULT_DEDUPE_HEADERS;
  const windowMs = options.windowMs ?? DEFAULT_DEDUPE_WINDOW_MS;
  const now = options.now ?? Date.now;
  // Claimed between the check and the commit: a concurrent retry must not slip past the store lookup.
  const inFlight = new Set<string>();
  const keyOf = (d: Delivery): string => JSON.stringify([d.hook, d.id]);
  let lastPrune = 0;
  return {
    async check(hook, headers, urlHeader) {
      const names = urlHeader !== undefined ? [urlHeader] : defaults;
      let id: string | undefined;
      for (const name of names) {
        id = headerValue(headers, name);
        if (id !== undefined) break;
      }
      if (id === undefined) return undefined;
      const delivery: Delivery = { hook, id, at: now() };
      const key = keyOf(delivery);
      if (inFlight.has(key)) return { delivery, duplicate: true };
      // Claimed before the lookup's await: a concurrent retry arriving meanwhile sees it in flight.
      inFlight.add(key);
      let found;
      try {
        found = await repository.find(hook, id, delivery.at - windowMs);
      } catch (error) {
        inFlight.delete(key);
        throw error;
      }
      if (found !== undefined) {
        inFlight.delete(key);
        return { delivery, duplicate: true };
      }
      return { delivery, duplicate: false };
    },
    async accepted(delivery, triggerInstanceId) {
      try {
        await repository.record({
          hook: delivery.hook,
          delivery_id: delivery.id,
          trigger_instance_id: triggerInstanceId,
          received_at: delivery.at,
        });
        // Old ids are dropped at most once a minute so the table stays the size of one window.
        if (delivery.at - lastPrune > 60_000) {
          lastPrune = delivery.at;
          await repository.prune(delivery.at - windowMs);
        }
      } finally {
        inFlight.delete(keyOf(delivery));
      }
    },
    release(delivery) {
      inFlight.delete(keyOf(delivery));
    },
  };
}
