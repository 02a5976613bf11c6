// One trigger instance: its payload, the rule enforcements it caused and their executions; "Why not?" from here.
import { enc, get } from '../api.ts';
import type { Enforcement, Execution, TriggerInstance, Webhook } from '../api.ts';
import { Badge, Failure, Json, Loading, Section, Time } from '../components.tsx';
import { POLL_MS, useLoad } from '../load.ts';
import { href } from '../router.ts';
import { urlsByTrigger } from './events.tsx';

const FINAL = new Set(['processed', 'processing_failed']);

/** A webhook's payload is {headers, headers_lower, body, ...}: the body first, the headers folded away. */
function Payload({ payload }: { payload: unknown }) {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload) || !('body' in payload))
    return <Json value={payload} label="Payload" />;
  const { body, ...rest } = payload as Record<string, unknown>;
  return (
    <>
      <h3>body</h3>
      <Json value={body} label="Payload body" />
      <details>
        <summary>headers and the rest of the payload</summary>
        <Json value={rest} label="Payload headers" />
      </details>
    </>
  );
}

function Enforcements({ list }: { list: Enforcement[] }) {
  if (list.length === 0)
    return <p class="muted">No rule was enforced: no rule matched, or the instance is not processed yet.</p>;
  return (
    <div class="scroll">
      <table aria-label="Rule enforcements">
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">Status</th>
            <th scope="col">Execution</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {list.map((e) => (
            <tr key={e.id}>
              <td>{e.rule.ref}</td>
              <td>
                <Badge status={e.status} />
              </td>
              <td>{e.execution_id ? <a href={href('executions', e.execution_id)}>{e.execution_id}</a> : '–'}</td>
              <td>{e.failure_reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Executions({ list }: { list: Execution[] }) {
  if (list.length === 0) return <p class="muted">No execution.</p>;
  return (
    <ul class="plain">
      {list.map((x) => (
        <li key={x.id}>
          <a href={href('executions', x.id)}>{x.action.ref}</a> <Badge status={x.status} />{' '}
          <span class="muted">{x.rule?.ref}</span>
        </li>
      ))}
    </ul>
  );
}

export function Event({ id }: { id: string }) {
  const ti = useLoad(() => get<TriggerInstance>(`/v1/triggerinstances/${enc(id)}`), [id], POLL_MS);
  const done = ti.data !== undefined && FINAL.has(ti.data.status);
  // Live until the instance is processed; then once more, for what its last batch wrote.
  const related = useLoad(
    () =>
      Promise.all([
        get<Enforcement[]>('/v1/ruleenforcements', { trigger_instance: id }),
        get<Execution[]>('/v1/executions', { trigger_instance: id }),
      ]),
    [id, done],
    POLL_MS,
  );
  const hooks = useLoad(() => get<Webhook[]>('/v1/webhooks'), []);
  const url = ti.data ? urlsByTrigger(hooks.data).get(ti.data.trigger) : undefined;
  return (
    <>
      <p class="crumbs">
        <a href="#/events">Events</a> /
      </p>
      <h1>Trigger instance {id}</h1>
      <Failure error={ti.error ?? related.error} />
      {ti.data ? (
        <>
          <dl class="facts">
            <dt>Received</dt>
            <dd>
              <Time iso={ti.data.occurrence_time} />
            </dd>
            <dt>Trigger</dt>
            <dd>
              {ti.data.trigger}
              {url ? ` (url ${url})` : ''}
            </dd>
            <dt>Status</dt>
            <dd>
              <Badge status={ti.data.status} />
            </dd>
          </dl>
          <p>
            <a class="button" href={href('why', id)}>
              Why not? Explain every rule of this trigger
            </a>
          </p>
          <Section title="Payload" id="payload">
            <Payload payload={ti.data.payload} />
          </Section>
        </>
      ) : ti.error ? null : (
        <Loading what="the trigger instance" />
      )}
      {related.data ? (
        <>
          <Section title="Rule enforcements" id="enforcements">
            <Enforcements list={related.data[0]} />
          </Section>
          <Section title="Executions" id="executions">
            <Executions list={related.data[1]} />
          </Section>
        </>
      ) : null}
    </>
  );
}
