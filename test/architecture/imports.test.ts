// The map of src/ is true (issue 17): the import order of docs/architecture.md lists every folder, every import
// runs down that order and through the imported folder's index.ts, and no files import each other in a circle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { importGraph, importOrder, violations } from './import-graph.ts';
import type { ImportEdge } from './import-graph.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const doc = readFileSync(`${root}docs/architecture.md`, 'utf8');
const order = importOrder(doc);

test('docs/architecture.md lists every folder of src/ once, in import order', () => {
  const folders = readdirSync(`${root}src`).filter((n) => statSync(`${root}src/${n}`).isDirectory());
  assert.deepEqual([...order].sort(), folders.sort());
  assert.equal(new Set(order).size, order.length);
});

test('every import of src/ runs down the order, through index.ts, without circles', () => {
  const { files, edges } = importGraph(`${root}src`);
  assert.ok(edges.length > 500, `only ${edges.length} imports found: the graph reader is broken`);
  assert.deepEqual(violations(files, edges, order), []);
});

test('the checker finds each kind of violation in a made-up graph', () => {
  const files = ['a/index.ts', 'a/x.ts', 'b/index.ts', 'b/y.ts', 'c/z.ts'];
  const edge = (from: string, to: string): ImportEdge => ({ from, to, line: 1 });
  const found = violations(
    files,
    [
      edge('b/y.ts', 'a/index.ts'), // fine: down the order, through the index
      edge('b/y.ts', 'a/x.ts'), // skips a's index
      edge('a/x.ts', 'b/index.ts'), // against the order
      edge('a/index.ts', 'a/x.ts'),
      edge('a/x.ts', 'a/index.ts'), // a circle inside a folder
      edge('b/y.ts', '../rules/x.ts'), // outside src/, not grammar/
      edge('b/y.ts', '../grammar/template/index.ts'), // fine
    ],
    ['a', 'b'],
  );
  assert.deepEqual(found, [
    'src/c/ is not in the import order of docs/architecture.md',
    "src/b/y.ts:1 -> a/x.ts: import a/index.ts, the folder's public surface",
    'src/a/x.ts:1 -> b/index.ts: a comes before b in the order',
    'src/b/y.ts:1 -> ../rules/x.ts: src/ may import only grammar/ outside src/',
    'import circle: a/index.ts, a/x.ts',
  ]);
});
