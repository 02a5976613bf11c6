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

/**
 * Decodes a pack file's bytes as StackStorm opens it (`open(path, encoding='utf-8')`): bytes that are not
 * UTF-8 make Python raise, so the file is refused. The byte order mark stays: the YAML reader handles it.
 */
export function decodeYamlFile(bytes: Uint8Array, file: string): { text: string; refused?: SourceDoc } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const bad = firstInvalidUtf8(bytes);
    const before = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, bad));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    const span = { file, line, column, endLine: line, endColumn: column + 1 };
    const diagnostic: Diagnostic = {
      code: 'RULES_E_YAML_SYNTAX',
      severity: 'error',
      message: `the file is not valid UTF-8 (byte ${bad} is 0x${(bytes[bad] ?? 0).toString(16).padStart(2, '0')})`,
      hint: 'StackStorm opens pack files as UTF-8 and fails to load this one: save it as UTF-8.',
      ...span,
    };
    const empty: SourceMap = { file, span: () => undefined, keySpan: () => undefined, scalarOffset: () => undefined };
    return { text, refused: { file, text, loaded: false, value: undefined, source: empty, diagnostics: [diagnostic] } };
  }
}

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const width = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (width === 0 || i + width > bytes.length) return i;
    const valid = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    try {
      valid.decode(bytes.subarray(i, i + width));
    } catch {
      return i;
    }
    i += width;
  }
  return i;
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
