// The import graph of src/: every relative import of every source file, resolved to a path under the repository.
// TypeScript's own pre-processor finds the imports (static, re-exports, dynamic `import('...')`, `import type`),
// so comments and strings that look like imports are not counted.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export interface ImportEdge {
  /** Importing file, relative to src/ (`runtime/server.ts`). */
  from: string;
  /** Imported file, relative to src/ (`store/index.ts`), or `../grammar/...` outside src/. */
  to: string;
  /** 1-based line of the import. */
  line: number;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|js)$/.test(name)) out.push(path);
  }
  return out;
}

/** Every relative import of every file under `srcDir`. */
export function importGraph(srcDir: string): { files: string[]; edges: ImportEdge[] } {
  const files = sourceFiles(srcDir);
  const edges: ImportEdge[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const info = ts.preProcessFile(text, true, true);
    for (const ref of info.importedFiles) {
      if (!ref.fileName.startsWith('.')) continue;
      const line = text.slice(0, ref.pos).split('\n').length;
      edges.push({ from: relative(srcDir, file), to: relative(srcDir, resolve(dirname(file), ref.fileName)), line });
    }
  }
  return { files: files.map((f) => relative(srcDir, f)), edges };
}

/** The top folder of a path relative to src/ (`runtime/routes/x.ts` → `runtime`). */
export function folderOf(path: string): string {
  return path.split('/')[0] ?? path;
}

/** Strongly connected components with more than one node (Tarjan), each sorted: the import circles. */
export function cycles(nodes: readonly string[], edges: ReadonlyArray<readonly [string, string]>): string[][] {
  const next = new Map<string, string[]>(nodes.map((n) => [n, []]));
  for (const [a, b] of edges) if (a !== b) next.get(a)?.push(b);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let counter = 0;
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) out.push(component.sort());
    }
  };
  for (const n of nodes) if (!index.has(n)) visit(n);
  return out;
}

/**
 * Every import that breaks the rule of docs/architecture.md, as `file:line -> target: why`: a folder that is not
 * in `order`, an import of a folder at or after the importer's place, a cross-folder import that does not name the
 * folder's index.ts, an import leaving src/ for anything but grammar/, and every import circle between files.
 */
export function violations(files: readonly string[], edges: readonly ImportEdge[], order: readonly string[]): string[] {
  const out: string[] = [];
  const rank = new Map(order.map((folder, i) => [folder, i]));
  for (const folder of new Set(files.map(folderOf)))
    if (!rank.has(folder)) out.push(`src/${folder}/ is not in the import order of docs/architecture.md`);
  for (const e of edges) {
    const where = `src/${e.from}:${e.line} -> ${e.to}`;
    if (e.to.startsWith('../')) {
      if (!e.to.startsWith('../grammar/')) out.push(`${where}: src/ may import only grammar/ outside src/`);
      continue;
    }
    const from = folderOf(e.from);
    const to = folderOf(e.to);
    if (from === to) continue;
    if (e.to !== `${to}/index.ts`) out.push(`${where}: import ${to}/index.ts, the folder's public surface`);
    const a = rank.get(from);
    const b = rank.get(to);
    if (a !== undefined && b !== undefined && b >= a) out.push(`${where}: ${from} comes before ${to} in the order`);
  }
  for (const circle of cycles(
    files,
    edges.map((e) => [e.from, e.to] as const),
  ))
    out.push(`import circle: ${circle.join(', ')}`);
  return out;
}

/** The folder names of the import-order table of docs/architecture.md, in table order. */
export function importOrder(markdown: string): string[] {
  const section = markdown.split(/^## /m).find((s) => s.startsWith('Folders, in import order'));
  if (!section) return [];
  return [...section.matchAll(/^\| `([a-z-]+)` +\|/gm)].map((m) => m[1]!);
}
