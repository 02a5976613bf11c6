// The pack YAML loader (src/pack/pyyaml: libyaml's rules, PyYAML's values, positions kept) against the `yaml`
// package it replaced (parseDocument, YAML 1.1, toJS), on the same texts in the same run: 10,100 generated
// rule files like bench/compile.ts's, and every YAML file of ../shared/real-packs when it is there.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseDocument } from 'yaml';
import { parseYaml } from '../src/pack/index.ts';

function ruleText(p: number, r: number): string {
  return `---
name: rule_${r}
pack: pack_${p}
description: Generated rule ${r} of pack ${p}.
enabled: true
trigger:
  type: core.st2.webhook
  parameters:
    url: hooks/pack_${p}/${r % 10}
criteria:
  trigger.body.event:
    type: equals
    pattern: "event_${r}"
  trigger.body.ref:
    type: regex
    pattern: '^refs/heads/(main|release-\\d+)$'
action:
  ref: core.local
  parameters:
    cmd: "echo fired ${p}/${r}: {{ trigger.body.event | shell_quote }}"
`;
}

function realPackTexts(): string[] {
  for (let dir = fileURLToPath(new URL('../', import.meta.url)); ; dir = dirname(dir)) {
    const root = join(dir, '..', 'shared', 'real-packs');
    if (existsSync(root)) {
      return readdirSync(root, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
        .map((f) => readFileSync(join(root, f), 'utf8'));
    }
    if (dirname(dir) === dir) return [];
  }
}

/** Best of three rounds, in ms. */
function time(texts: string[], load: (t: string) => unknown): number {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const t = performance.now();
    for (const text of texts) load(text);
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

function row(name: string, texts: string[]): string {
  const kib = texts.reduce((n, t) => n + t.length, 0) / 1024;
  const theirs = time(texts, (t) => parseDocument(t, { version: '1.1' }).toJS());
  const ours = time(texts, (t) => parseYaml(t, 'bench.yaml'));
  const rate = (ms: number): string => `${ms.toFixed(0)} ms, ${((texts.length / ms) * 1000).toFixed(0)} files/s`;
  return `| ${name} (${texts.length} files, ${kib.toFixed(0)} KiB) | ${rate(theirs)} | ${rate(ours)} | ${(ours / theirs).toFixed(2)}x |`;
}

export function run(): Promise<string> {
  const generated: string[] = [];
  for (let p = 0; p < 100; p++) {
    generated.push(`name: pack_${p}\ndescription: generated\nversion: 0.1.0\nauthor: bench\n`);
    for (let r = 0; r < 100; r++) generated.push(ruleText(p, r));
  }
  const real = realPackTexts();
  const rows = [
    '| texts | `yaml` package (parse + toJS) | pack loader (parseYaml) | ratio |',
    '|---|---|---|---|',
    row('generated rules', generated),
  ];
  if (real.length > 0) rows.push(row('../shared/real-packs', real));
  return Promise.resolve(rows.join('\n'));
}
