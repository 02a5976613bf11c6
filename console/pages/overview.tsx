// Overview: what is served (compile status, diagnostics linked to docs/errors.md), how to call each webhook, and
// what happened in the last hour.
import { get } from '../api.ts';
import type { Activity, Diagnostic, Status, Webhook } from '../api.ts';
import { CopyLine, Failure, Loading, Section, Time } from '../components.tsx';
import { POLL_MS, useLoad } from '../load.ts';

/** A shell word: single quotes, with any single quote closed, escaped and reopened. */
const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export function curlLine(origin: string, url: string): string {
  const path = url.split('/').map(encodeURIComponent).join('/');
  return (
    `curl -X POST ${shellQuote(`${origin}/api/v1/webhooks/${path}`)} -H "St2-Api-Key: $ST2_API_KEY" ` +
    `-H 'Content-Type: application/json' --data '{}'`
  );
}

function DiagnosticLine({ d }: { d: Diagnostic }) {
  return (
    <li class={`diag sev-${d.severity}`}>
      <span class="loc">
        {d.file}:{d.line}:{d.column}
      </span>{' '}
      <span class="sev">{d.severity}</span>{' '}
      <a href={`errors#${d.code.toLowerCase()}`} class="code">
        {d.code}
      </a>{' '}
      <span class="msg">{d.message}</span>
      {d.hint ? <span class="hint"> ({d.hint})</span> : null}
    </li>
  );
}

function CompileStatus({ status }: { status: Status }) {
  const files = Object.entries(status.files).filter(([, f]) => f.diagnostics.length > 0 || f.state !== 'ok');
  return (
    <Section title="Compile status" id="compile">
      <dl class="facts">
        <dt>Generation</dt>
        <dd data-testid="generation">{status.generation}</dd>
        <dt>Last reload</dt>
        <dd>
          {status.last_reload ? (
            <>
              <Time iso={status.last_reload} /> ({status.result}, {status.last_reload_ms} ms)
            </>
          ) : (
            'hot reload is off (rules serve --watch)'
          )}
        </dd>
        <dt>Rules</dt>
        <dd>{status.rules}</dd>
        <dt>Webhook urls</dt>
        <dd>{status.webhooks}</dd>
      </dl>
      {files.length === 0 ? (
        <p class="ok">No diagnostics{status.watch ? '' : ' (without --watch, those of the start are in the log)'}.</p>
      ) : (
        <ul class="files" aria-label="Files with diagnostics">
          {files.map(([file, f]) => (
            <li key={file}>
              <strong>{file}</strong>{' '}
              <span class={`state ${f.state}`}>
                {f.state === 'stale' ? 'stale: the last good version serves' : f.state}
              </span>
              <ul>
                {f.diagnostics.map((d, i) => (
                  <DiagnosticLine key={i} d={d} />
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function Counts({ activity }: { activity: Activity }) {
  const executions = Object.entries(activity.executions).sort(([a], [b]) => a.localeCompare(b));
  return (
    <Section title="Last hour" id="activity">
      <dl class="counts">
        <div>
          <dt>Received</dt>
          <dd data-testid="received">{activity.trigger_instances.received}</dd>
        </div>
        <div>
          <dt>Matched</dt>
          <dd data-testid="matched">{activity.trigger_instances.matched}</dd>
        </div>
        <div>
          <dt>Enforcements failed</dt>
          <dd>{activity.enforcements['failed'] ?? 0}</dd>
        </div>
        {executions.length === 0 ? (
          <div>
            <dt>Executions</dt>
            <dd>0</dd>
          </div>
        ) : (
          executions.map(([status, n]) => (
            <div key={status}>
              <dt>Executions {status}</dt>
              <dd>{n}</dd>
            </div>
          ))
        )}
      </dl>
    </Section>
  );
}

function Webhooks({ hooks }: { hooks: Webhook[] }) {
  const urls = [...new Set(hooks.map((h) => h.parameters.url ?? ''))].filter((u) => u !== '');
  return (
    <Section title="Webhook urls" id="webhooks">
      {urls.length === 0 ? <p class="muted">No rule declares a webhook url.</p> : null}
      <ul class="hooks">
        {urls.map((url) => (
          <li key={url}>
            <a href={`#/events?url=${encodeURIComponent(url)}`}>{url}</a>
            <CopyLine text={curlLine(location.origin, url)} />
          </li>
        ))}
      </ul>
      <p class="muted">
        Set <code>ST2_API_KEY</code> in your shell first; urls with a signature scheme (webhooks/*.yaml) need the
        sender's signature instead.
      </p>
    </Section>
  );
}

export function Overview() {
  const status = useLoad(() => get<Status>('/v1/status'), [], POLL_MS);
  const activity = useLoad(() => get<Activity>('/v1/activity', { since: '1h' }), [], POLL_MS);
  const hooks = useLoad(() => get<Webhook[]>('/v1/webhooks'), [], POLL_MS * 5);
  return (
    <>
      <h1>Overview</h1>
      <Failure error={status.error ?? activity.error ?? hooks.error} />
      {status.data ? <CompileStatus status={status.data} /> : <Loading what="status" />}
      {activity.data ? <Counts activity={activity.data} /> : null}
      {hooks.data ? <Webhooks hooks={hooks.data} /> : null}
    </>
  );
}
