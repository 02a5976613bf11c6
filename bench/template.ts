// Template rendering speed: generated code vs the tree-walking interpreter of the same AST, measured
// in the same run. Target: a single-path template at 5 million renders/s or more.
import { compileTemplate } from '../src/template/index.ts';
import type { Template } from '../src/template/index.ts';

const context = {
  trigger: {
    body: { key1: 'value-1', name: '  Mixed Case Name  ', commits: [{ id: 'a1' }, { id: 'b2' }, { id: 'c3' }] },
  },
};

const cases: Array<{ name: string; source: string }> = [
  { name: 'single path', source: '{{ trigger.body.key1 }}' },
  {
    name: 'ten filters',
    source:
      "{{ trigger.body.name | trim | lower | replace('case', 'CASE') | upper | title | truncate(30) | center(40) | trim | default('x') | length }}",
  },
];

function measure(render: () => string, budgetMs: number): number {
  let n = 0;
  let sink = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(budgetMs) * 1_000_000n;
  for (;;) {
    for (let i = 0; i < 10_000; i++) sink += render().length;
    n += 10_000;
    if (process.hrtime.bigint() >= deadline) break;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (sink < 0) console.log(sink);
  return n / seconds;
}

function fmt(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : `${(n / 1e3).toFixed(0)}k`;
}

export async function run(): Promise<string> {
  const lines = ['| template | generated renders/s | interpreter renders/s | speed-up |', '| --- | --- | --- | --- |'];
  let singlePath = 0;
  for (const c of cases) {
    const t: Template | undefined = compileTemplate(c.source).value;
    if (!t) throw new Error(`bench template does not compile: ${c.source}`);
    if (t.render(context) !== t.interpret(context)) throw new Error(`back ends disagree on ${c.source}`);
    measure(() => t.render(context), 200);
    const generated = measure(() => t.render(context), 1000);
    const interpreted = measure(() => t.interpret(context), 1000);
    if (c.name === 'single path') singlePath = generated;
    lines.push(`| ${c.name} | ${fmt(generated)} | ${fmt(interpreted)} | ${(generated / interpreted).toFixed(1)}x |`);
  }
  lines.push('', `single path target >= 5M renders/s: ${singlePath >= 5e6 ? 'met' : 'NOT met'} (${fmt(singlePath)})`);
  return Promise.resolve(lines.join('\n'));
}
