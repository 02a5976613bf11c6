// YAML 1.1 exactly as StackStorm's PyYAML loader reads pack files (./pyyaml), with positions kept: every
// value of the document can be found again by JSON pointer, and offsets inside a string map back to the file.
import type { Diagnostic } from '../diagnostics/index.ts';
import type { SourceMap } from '../model/index.ts';
import { keyIdentity, loadYaml, TAG } from './pyyaml/index.ts';
import type { YamlLoad, YamlNode } from './pyyaml/index.ts';
import { yamlErrorDiagnostic } from './yaml-diagnose.ts';
import { LineIndex, pointerSegment, YamlSourceMap } from './yaml-source-map.ts';
import type { At } from './yaml-source-map.ts';

export { offsetMap, pointerSegment, pointerSegments } from './yaml-source-map.ts';

export interface SourceDoc {
  file: string;
  text: string;
  /**
   * Whether StackStorm's loader loads the file. Then `value` is what it yields, duplicate keys included
   * (reported, but the last value wins as in PyYAML); otherwise `value` is undefined and one diagnostic says why.
   */
  loaded: boolean;
  value: unknown;
  source: SourceMap;
  diagnostics: Diagnostic[];
}

/** A source map built only when a position is first asked for (cached files skip the YAML parse). */
export function lazySourceMap(file: string, text: string): SourceMap {
  let real: SourceMap | undefined;
  const get = (): SourceMap => (real ??= parseYaml(text, file).source);
  return {
    file,
    span: (pointer) => get().span(pointer),
    keySpan: (pointer) => get().keySpan(pointer),
    scalarOffset: (pointer, start, end) => get().scalarOffset(pointer, start, end),
  };
}

/** Parses one YAML file as StackStorm does; refusals and duplicate keys are diagnostics, never exceptions. */
export function parseYaml(text: string, file: string): SourceDoc {
  const load = loadYaml(text);
  const lines = new LineIndex(load.text);
  const at: At = (start, end) => {
    const s = lines.at(start);
    const e = lines.at(Math.max(end, start));
    return { file, line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
  };
  const source = new YamlSourceMap(file, load, at);
  if (load.error) {
    const diagnostic = yamlErrorDiagnostic(load.error, load.text, file, at);
    return { file, text, loaded: false, value: undefined, source, diagnostics: [diagnostic] };
  }
  return { file, text, loaded: true, value: load.value, source, diagnostics: duplicateKeys(load, file, at) };
}

/** Keys written twice in one mapping (merge keys aside): PyYAML keeps the last value without a word. */
function duplicateKeys(load: YamlLoad, file: string, at: At): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<YamlNode>();
  const visit = (node: YamlNode, pointer: string): void => {
    if (seen.has(node)) return;
    seen.add(node);
    if (node.kind === 'seq') node.items.forEach((item, i) => visit(item, `${pointer}/${i}`));
    if (node.kind !== 'map') return;
    const names = new Map<[YamlNode, YamlNode], string>();
    for (const [name, pair] of load.sources.get(node) ?? []) names.set(pair, name);
    const first = new Map<string, YamlNode>();
    const nan = { n: 0 };
    for (const pair of node.pairs) {
      const [key, value] = pair;
      if (key.tag === TAG.merge) continue;
      const id = keyIdentity(load.keyValue(key), nan);
      const earlier = first.get(id);
      const name = names.get(pair) ?? (key.kind === 'scalar' ? key.value : '');
      if (earlier) {
        const where = at(earlier.start.pos, earlier.start.pos);
        out.push({
          code: 'RULES_E_YAML_DUPLICATE_KEY',
          severity: 'error',
          message: `duplicate key "${name}" (first at line ${where.line}, column ${where.column})`,
          hint: 'StackStorm silently keeps the last value; remove one of them.',
          pointer: `${pointer}/${pointerSegment(name)}`,
          ...at(key.start.pos, key.end.pos),
        });
      } else first.set(id, key);
      visit(value, `${pointer}/${pointerSegment(name)}`);
    }
  };
  if (load.root) visit(load.root, '');
  return out;
}
