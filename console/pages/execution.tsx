// One execution: status, timing, where it came from (rule, enforcement, trigger instance, or the execution it
// re-runs), its parameters as stored (secrets masked), its output; and a re-run, as `st2 execution re-run` does.
import { useState } from 'preact/hooks';
import { enc, get, post } from '../api.ts';
import type { Enforcement, Execution } from '../api.ts';
import { Badge, Failure, Json, Loading, Section, Time } from '../components.tsx';
import { POLL_MS, useLoad } from '../load.ts';
import { href } from '../router.ts';
import { elapsed } from './executions.tsx';

const OUTPUT_FIELDS = ['stdout', 'stderr'];

function Output({ result }: { result: Record<string, unknown> }) {
  const streams = OUTPUT_FIELDS.filter((f) => typeof result[f] === 'string' && result[f] !== '');
  const rest = Object.fromEntries(Object.entries(result).filter(([k]) => !streams.includes(k)));
  return (
    <>
      {streams.map((f) => (
        <div key={f}>
          <h3>{f}</h3>
          <pre class={`output ${f}`} tabIndex={0} data-testid={f}>
            {String(result[f])}
          </pre>
        </div>
      ))}
      {Object.keys(rest).length > 0 ? (
        <>
          <h3>Result</h3>
          <Json value={rest} label="Result" />
        </>
      ) : null}
    </>
  );
}

function Origin({ x, enforcement }: { x: Execution; enforcement: Enforcement | undefined }) {
  const reRun = x.context['re-run'] as { ref?: string } | undefined;
  return (
    <>
      {x.rule ? (
        <>
          <dt>Rule</dt>
          <dd>{x.rule.ref}</dd>
        </>
      ) : null}
      {enforcement ? (
        <>
          <dt>Enforcement</dt>
          <dd>
            {enforcement.id} <Badge status={enforcement.status} />
          </dd>
        </>
      ) : null}
      {x.trigger_instance ? (
        <>
          <dt>Trigger instance</dt>
          <dd>
            <a href={href('events', x.trigger_instance.id)}>{x.trigger_instance.id}</a>
          </dd>
        </>
      ) : null}
      {reRun?.ref ? (
        <>
          <dt>Re-run of</dt>
          <dd>
            <a href={href('executions', reRun.ref)}>{reRun.ref}</a>
          </dd>
        </>
      ) : null}
    </>
  );
}

function ReRun({ id }: { id: string }) {
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const run = (): void => {
    setBusy(true);
    setError(undefined);
    post<Execution>(`/v1/executions/${enc(id)}/re_run`, { parameters: {} })
      .then((created) => (location.hash = href('executions', created.id)))
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  };
  return (
    <>
      <button type="button" class="button" onClick={run} disabled={busy}>
        {busy ? 'Re-running…' : 'Re-run with the same parameters'}
      </button>
      <Failure error={error} />
    </>
  );
}

export function ExecutionPage({ id }: { id: string }) {
  const x = useLoad(() => get<Execution>(`/v1/executions/${enc(id)}`), [id], POLL_MS);
  const enforcement = useLoad(() => get<Enforcement[]>('/v1/ruleenforcements', { execution: id }), [id]);
  const data = x.data;
  return (
    <>
      <p class="crumbs">
        <a href="#/executions">Executions</a> /
      </p>
      <h1>Execution {id}</h1>
      <Failure error={x.error} />
      {data ? (
        <>
          <dl class="facts">
            <dt>Action</dt>
            <dd>
              {data.action.ref} <span class="muted">({data.action.runner_type})</span>
            </dd>
            <dt>Status</dt>
            <dd data-testid="status">
              <Badge status={data.status} />
            </dd>
            <dt>Started</dt>
            <dd>
              <Time iso={data.start_timestamp} />
            </dd>
            <dt>Ended</dt>
            <dd>
              <Time iso={data.end_timestamp} />
            </dd>
            <dt>Took</dt>
            <dd>{elapsed(data)}</dd>
            <Origin x={data} enforcement={enforcement.data?.[0]} />
          </dl>
          <ReRun id={id} />
          <Section title="Parameters" id="parameters">
            <Json value={data.parameters} label="Parameters (secrets masked)" />
          </Section>
          <Section title="Output" id="output">
            <Output result={data.result} />
          </Section>
          <Section title="Status changes" id="log">
            <ol class="plain">
              {data.log.map((l, i) => (
                <li key={i}>
                  <Badge status={l.status} /> <Time iso={l.timestamp} />
                </li>
              ))}
            </ol>
          </Section>
        </>
      ) : x.error ? null : (
        <Loading what="the execution" />
      )}
    </>
  );
}
