// Events: the trigger instances received, newest first, live; filtered by webhook url, trigger and status. The list
// leaves the payloads out (exclude_attributes): polled every 2 s, fifty GitHub payloads would be megabytes.
import { get } from '../api.ts';
import type { TriggerInstance, Webhook } from '../api.ts';
import { Badge, Failure, Loading, Time } from '../components.tsx';
import { POLL_MS, useLoad } from '../load.ts';
import { href } from '../router.ts';
import type { Route } from '../router.ts';

const STATUSES = ['pending', 'processing', 'processed', 'processing_failed'];
const LIMIT = '50';

/** Trigger ref → webhook url, for the Trigger column and the url filter. */
export function urlsByTrigger(hooks: readonly Webhook[] | undefined): Map<string, string> {
  return new Map((hooks ?? []).map((h) => [h.ref, h.parameters.url ?? '']));
}

async function instances(
  triggers: readonly (string | undefined)[],
  status: string | undefined,
): Promise<TriggerInstance[]> {
  const lists = await Promise.all(
    triggers.map((trigger) =>
      get<TriggerInstance[]>('/v1/triggerinstances', {
        trigger,
        status,
        limit: LIMIT,
        exclude_attributes: 'payload',
      }),
    ),
  );
  // Ids start with their second, so a descending sort of several lists is newest first too.
  return lists
    .flat()
    .sort((a, b) => (a.id < b.id ? 1 : -1))
    .slice(0, Number(LIMIT));
}

function Filters({ route, urls }: { route: Route; urls: string[] }) {
  const set = (name: string, value: string): void => {
    const q = new URLSearchParams(route.query);
    if (value) q.set(name, value);
    else q.delete(name);
    const qs = q.toString();
    location.hash = `#/events${qs ? `?${qs}` : ''}`;
  };
  return (
    <form class="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filter events">
      <label>
        Url
        <select value={route.query.get('url') ?? ''} onChange={(e) => set('url', e.currentTarget.value)}>
          <option value="">any</option>
          {urls.map((u) => (
            <option key={u} value={u}>
              {u}
            </option>
          ))}
        </select>
      </label>
      <label>
        Trigger
        <input
          type="search"
          placeholder="core.st2.webhook ref"
          value={route.query.get('trigger') ?? ''}
          onChange={(e) => set('trigger', e.currentTarget.value.trim())}
        />
      </label>
      <label>
        Status
        <select value={route.query.get('status') ?? ''} onChange={(e) => set('status', e.currentTarget.value)}>
          <option value="">any</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}

export function Events({ route }: { route: Route }) {
  const hooks = useLoad(() => get<Webhook[]>('/v1/webhooks'), []);
  const byTrigger = urlsByTrigger(hooks.data);
  const url = route.query.get('url') ?? '';
  const trigger = route.query.get('trigger') ?? '';
  const status = route.query.get('status') ?? undefined;
  const refs = url ? [...byTrigger].filter(([, u]) => u === url).map(([ref]) => ref) : [];
  const triggers: (string | undefined)[] = trigger ? [trigger] : url ? refs : [undefined];
  const waiting = url !== '' && !trigger && hooks.data === undefined;
  const list = useLoad(
    () => (waiting ? Promise.resolve(undefined) : instances(triggers, status)),
    [triggers.join(','), status, waiting],
    POLL_MS,
  );
  const urls = [...new Set(byTrigger.values())].filter((u) => u !== '').sort();
  return (
    <>
      <h1>Events</h1>
      <Filters route={route} urls={urls} />
      <Failure error={list.error} />
      {list.data === undefined ? (
        <Loading what="events" />
      ) : list.data.length === 0 ? (
        <p class="muted">No trigger instance{url || trigger || status ? ' matches the filters' : ' yet'}.</p>
      ) : (
        <div class="scroll">
          <table aria-label="Trigger instances, newest first">
            <thead>
              <tr>
                <th scope="col">Received</th>
                <th scope="col">Trigger instance</th>
                <th scope="col">Url / trigger</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((ti) => (
                <tr key={ti.id} data-id={ti.id}>
                  <td>
                    <Time iso={ti.occurrence_time} />
                  </td>
                  <td>
                    <a href={href('events', ti.id)}>{ti.id}</a>
                  </td>
                  <td>{byTrigger.get(ti.trigger) || ti.trigger}</td>
                  <td>
                    <Badge status={ti.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
