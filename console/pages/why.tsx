// "Why not?": a stored trigger instance explained against one rule or every rule of its trigger, by the server's
// own matcher (GET /v1/triggerinstances/<id>/explain): per criterion the key, the resolved value, the operator, the
// rendered pattern and the result; the action's rendered parameters when the rule matches.
import { Fragment } from 'preact';
import { enc, get } from '../api.ts';
import type { Criterion, Explanation, Rule, RuleExplanation } from '../api.ts';
import { Failure, Json, Loading } from '../components.tsx';
import { useLoad } from '../load.ts';
import { href } from '../router.ts';
import type { Route } from '../router.ts';

function CriterionRows({ list, depth = 0 }: { list: Criterion[]; depth?: number }) {
  return (
    <>
      {list.map((c, i) => (
        <Fragment key={i}>
          <tr class={c.result ? 'pass' : 'fail'} data-key={c.key}>
            <td class={depth ? `nested d${Math.min(depth, 3)}` : undefined}>
              <code>{c.key}</code>
            </td>
            <td>
              <code class={c.missing ? 'missing' : undefined}>{c.value_repr}</code>
            </td>
            <td>{c.operator ?? '(no type)'}</td>
            <td>{c.pattern_repr !== undefined ? <code>{c.pattern_repr}</code> : '–'}</td>
            <td class="result">
              <strong>{c.result ? 'PASS' : 'FAIL'}</strong>
              {c.error ? <div class="error">{c.error}</div> : null}
            </td>
          </tr>
          {(c.children ?? []).map((row, n) => (
            <Fragment key={n}>
              <tr class="element">
                <td colSpan={5} class={`nested d${Math.min(depth + 1, 3)}`}>
                  element {n}
                </td>
              </tr>
              <CriterionRows list={row} depth={depth + 1} />
            </Fragment>
          ))}
        </Fragment>
      ))}
    </>
  );
}

function RuleResult({ r }: { r: RuleExplanation }) {
  const verdict = r.matched ? (r.enabled ? 'matches' : 'matches, but the rule is disabled') : 'does not match';
  return (
    <article class={`rule ${r.matched && r.enabled ? 'matched' : 'unmatched'}`} data-rule={r.rule}>
      <h2>
        <span class="verdict">{r.matched && r.enabled ? '✔' : '✘'}</span> {r.rule} {verdict}
      </h2>
      <p class="muted">
        {r.file} · action {r.action}
      </p>
      {r.note ? <p class="note">{r.note}</p> : null}
      {r.error ? <pre class="error">{r.error}</pre> : null}
      {r.failures.map((f, i) => (
        <p key={i} class="error">
          {f}
        </p>
      ))}
      {r.criteria.length > 0 ? (
        <div class="scroll">
          <table class="criteria" aria-label={`Criteria of ${r.rule}`}>
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Value</th>
                <th scope="col">Operator</th>
                <th scope="col">Pattern</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              <CriterionRows list={r.criteria} />
            </tbody>
          </table>
        </div>
      ) : null}
      {r.parameters ? (
        <>
          <h3>Action parameters, rendered</h3>
          <Json value={r.parameters} label={`Parameters of ${r.action}`} />
        </>
      ) : null}
    </article>
  );
}

export function Why({ route }: { route: Route }) {
  const id = route.id ?? '';
  const rule = route.query.get('rule') ?? '';
  const explained = useLoad(() => get<Explanation>(`/v1/triggerinstances/${enc(id)}/explain`, { rule }), [id, rule]);
  const rules = useLoad(() => get<Rule[]>('/v1/rules'), []);
  const choose = (ref: string): void => {
    location.hash = href('why', id, { rule: ref });
  };
  return (
    <>
      <p class="crumbs">
        <a href="#/events">Events</a> / <a href={href('events', id)}>{id}</a> /
      </p>
      <h1>Why not?</h1>
      <form class="filters" onSubmit={(e) => e.preventDefault()} aria-label="Choose the rule">
        <label>
          Rule
          <select value={rule} onChange={(e) => choose(e.currentTarget.value)}>
            <option value="">every rule of this trigger</option>
            {(rules.data ?? []).map((r) => (
              <option key={r.ref} value={r.ref}>
                {r.ref}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={explained.reload}>
          Explain again
        </button>
      </form>
      <Failure error={explained.error} />
      {explained.data ? (
        <>
          <p class="muted">
            Trigger {explained.data.trigger_instance.trigger}, explained by the rules of generation{' '}
            {explained.data.generation} (as served now).
          </p>
          {explained.data.rules.length === 0 ? <p>No rule uses this trigger.</p> : null}
          {explained.data.rules.map((r) => (
            <RuleResult key={r.rule} r={r} />
          ))}
        </>
      ) : explained.error ? null : (
        <Loading what="the explanation" />
      )}
    </>
  );
}
