// Executions: the list, newest first, live; filtered by status.
import { get } from '../api.ts';
import type { Execution } from '../api.ts';
import { Badge, Failure, Loading, Time } from '../components.tsx';
import { POLL_MS, useLoad } from '../load.ts';
import { href } from '../router.ts';
import type { Route } from '../router.ts';

const STATUSES = ['requested', 'scheduled', 'running', 'succeeded', 'failed', 'timeout', 'canceled', 'abandoned'];

export function elapsed(x: Execution): string {
  return x.elapsed_seconds !== undefined ? `${x.elapsed_seconds.toFixed(3)} s` : '–';
}

export function Executions({ route }: { route: Route }) {
  const status = route.query.get('status') ?? '';
  const list = useLoad(
    () => get<Execution[]>('/v1/executions', { status, limit: '50', exclude_attributes: 'result' }),
    [status],
    POLL_MS,
  );
  return (
    <>
      <h1>Executions</h1>
      <form class="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filter executions">
        <label>
          Status
          <select
            value={status}
            onChange={(e) => (location.hash = href('executions', undefined, { status: e.currentTarget.value }))}
          >
            <option value="">any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </form>
      <Failure error={list.error} />
      {list.data === undefined ? (
        <Loading what="executions" />
      ) : list.data.length === 0 ? (
        <p class="muted">No execution{status ? ` is ${status}` : ' yet'}.</p>
      ) : (
        <div class="scroll">
          <table aria-label="Executions, newest first">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Action</th>
                <th scope="col">Rule</th>
                <th scope="col">Status</th>
                <th scope="col">Took</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((x) => (
                <tr key={x.id} data-id={x.id}>
                  <td>
                    <Time iso={x.start_timestamp} />
                  </td>
                  <td>
                    <a href={href('executions', x.id)}>{x.action.ref}</a>
                  </td>
                  <td>{x.rule?.ref ?? (x.context['re-run'] ? 're-run' : '–')}</td>
                  <td>
                    <Badge status={x.status} />
                  </td>
                  <td>{elapsed(x)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
