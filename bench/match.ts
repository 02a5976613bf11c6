// Matching speed over real GitHub webhook payloads (@octokit/webhooks-examples): one event against
// 10, 1,000 and 10,000 rules on one webhook, for the reference interpreter, the generated code and
// the generated code with indexes, measured in the same run. Targets: compiled+index ≥ 1,000,000
// events/s at 10,000 rules, and the 10,000-rule figure ≥ 0.75 of the 10-rule figure.
import { createRequire } from 'node:module';
import { buildMatcher } from '../src/criteria/index.ts';
import type { Matcher, CriterionModel, RuleModel, SourceMap, Span } from '../src/model/index.ts';

interface Example {
  name: string;
  examples: Array<Record<string, unknown>>;
}

const require = createRequire(import.meta.url);
const catalogue = require('@octokit/webhooks-examples/api.github.com/index.json') as Example[];

const source: SourceMap = (() => {
  const span = (): Span => ({ file: 'bench.yaml', line: 1, column: 1, endLine: 1, endColumn: 1 });
  return { file: 'bench.yaml', span, keySpan: span, scalarOffset: span };
})();

const EVENTS = ['push', 'pull_request', 'issues', 'issue_comment', 'release', 'create', 'workflow_run', 'star'];

function rule(i: number, criteria: Record<string, { type: string; pattern: unknown }>): RuleModel {
  const list: CriterionModel[] = Object.entries(criteria).map(([key, c]) => ({
    key,
    type: c.type,
    pattern: c.pattern,
    pointer: `/criteria/${key}`,
  }));
  return {
    ref: `bench.r${i}`,
    pack: 'bench',
    name: `r${i}`,
    uid: `rule:bench:r${i}`,
    enabled: true,
    trigger: { type: 'core.st2.webhook', parameters: { url: 'github' } },
    criteria: list,
    action: { ref: 'core.noop', parameters: {} },
    kind: 'standard',
    metadataFile: `rules/r${i}.yaml`,
    file: `rules/r${i}.yaml`,
    source,
    hash: String(i),
  };
}

// Most rules: repository + event header; some startswith on the repository or inside on the action; one in ten a regex.
function rules(n: number): RuleModel[] {
  const out: RuleModel[] = [];
  for (let i = 0; i < n; i++) {
    const repo = { type: 'equals', pattern: `acme/repo-${i % Math.max(1, Math.floor(n / 2))}` };
    const event = { type: 'equals', pattern: EVENTS[i % EVENTS.length]! };
    if (i % 10 === 9)
      out.push(
        rule(i, {
          'trigger.body.repository.full_name': repo,
          'trigger.headers.X-Github-Event': event,
          'trigger.body.sender.login': { type: 'regex', pattern: '^(Codertocat|octocat|dependabot\\[bot\\])$' },
        }),
      );
    else if (i % 10 === 5)
      out.push(
        rule(i, {
          'trigger.headers.X-Github-Event': { type: 'equals', pattern: 'push' },
          'trigger.body.repository.full_name': {
            type: 'startswith',
            pattern: `acme/repo-${i % Math.max(1, Math.floor(n / 2))}`,
          },
        }),
      );
    else if (i % 10 === 7)
      out.push(
        rule(i, {
          'trigger.body.repository.full_name': repo,
          'trigger.body.action': { type: 'inside', pattern: ['opened', 'reopened', 'synchronize'] },
        }),
      );
    else out.push(rule(i, { 'trigger.body.repository.full_name': repo, 'trigger.headers.X-Github-Event': event }));
  }
  return out;
}

function events(): unknown[] {
  const out: unknown[] = [];
  let k = 0;
  for (const name of EVENTS) {
    const ex = catalogue.find((e) => e.name === name)?.examples ?? [];
    for (const body of ex.slice(0, 3)) {
      const copy = structuredClone(body);
      const repo = copy.repository as Record<string, unknown> | undefined;
      if (repo) repo.full_name = `acme/repo-${k++ % 7}`;
      out.push({ headers: { 'X-Github-Event': name, 'Content-Type': 'application/json' }, body: copy });
    }
  }
  return out;
}

function measure(m: Matcher, payloads: unknown[], budgetMs: number): { perSecond: number; matched: number } {
  let n = 0;
  let matched = 0;
  const opts = { triggerInstanceId: 'bench' };
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(budgetMs) * 1_000_000n;
  for (;;) {
    for (const p of payloads) matched += m.match(p, opts).matched.length;
    n += payloads.length;
    if (process.hrtime.bigint() >= deadline) break;
  }
  return { perSecond: n / (Number(process.hrtime.bigint() - start) / 1e9), matched };
}

export function run(): Promise<string> {
  const payloads = events();
  const lines = [
    '## match: one event against N rules on one webhook',
    '',
    `${payloads.length} real GitHub payloads (@octokit/webhooks-examples), parsed in advance.`,
    '',
    '| rules | interpreter ev/s | generated ev/s | generated+index ev/s | ns/event (index) | index / interpreter |',
    '|---:|---:|---:|---:|---:|---:|',
  ];
  const indexed: number[] = [];
  // JIT warm-up of the shared runtime helpers, so the first row is not measured cold.
  measure(buildMatcher(rules(10)), payloads, 300);
  for (const n of [10, 1_000, 10_000]) {
    const set = rules(n);
    // The indexed matcher first, after a warm-up, so the slow variants' garbage does not land in its figure.
    const indexedMatcher = buildMatcher(set);
    measure(indexedMatcher, payloads, 100);
    const idx = measure(indexedMatcher, payloads, 500);
    const gen = measure(buildMatcher(set, { index: false }), payloads, 300);
    const interp = measure(buildMatcher(set, { mode: 'interpret' }), payloads, n >= 10_000 ? 300 : 200);
    indexed.push(idx.perSecond);
    lines.push(
      `| ${n.toLocaleString('en')} | ${Math.round(interp.perSecond).toLocaleString('en')} | ${Math.round(gen.perSecond).toLocaleString('en')} | ${Math.round(idx.perSecond).toLocaleString('en')} | ${Math.round(1e9 / idx.perSecond)} | ${(idx.perSecond / interp.perSecond).toFixed(1)}x |`,
    );
  }
  const ratio = indexed[2]! / indexed[0]!;
  lines.push(
    '',
    `10,000 rules / 10 rules (generated+index): ${ratio.toFixed(2)} (target ≥ 0.75); at 10,000 rules: ${Math.round(indexed[2]!).toLocaleString('en')} events/s (target ≥ 1,000,000).`,
  );
  return Promise.resolve(lines.join('\n'));
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await run());
