// YAML 1.1 (as StackStorm's PyYAML SafeLoader reads it) with positions kept: every value of the parsed
// document can be found again by JSON pointer, and offsets inside a string value map back to the file.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, Scalar } from 'yaml';
import type { Node, Pair, Tags } from 'yaml';
import type { Diagnostic } from '../diagnostics/index.ts';
import type { SourceMap, Span } from '../model/index.ts';

export interface SourceDoc {
  file: string;
  text: string;
  /** The parsed value (duplicate keys: the last wins, as in StackStorm). */
  value: unknown;
  source: SourceMap;
  diagnostics: Diagnostic[];
}

// PyYAML's bool resolver knows yes/no/on/off/true/false in three casings, but not `y`/`n`, which the
// `yaml` package's 1.1 schema also turns into booleans (a key `y:` would become `true`).
const PY_TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const PY_FALSE = /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/;

function pyyamlTags(tags: Tags): Tags {
  return tags.map((t) => {
    if (typeof t !== 'object' || t.tag !== 'tag:yaml.org,2002:bool' || !('test' in t) || !t.test) return t;
    const isTrue = t.test.test('true');
    return { ...t, test: isTrue ? PY_TRUE : PY_FALSE };
  });
}

/** Escapes one JSON pointer segment (RFC 6901). */
export function pointerSegment(s: string | number): string {
  return String(s).replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Splits a JSON pointer into unescaped segments (`''` → []). */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function keyText(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  return String(key);
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

/** Parses one YAML file; syntax errors and duplicate keys are diagnostics, never exceptions. */
export function parseYaml(text: string, file: string): SourceDoc {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    version: '1.1',
    customTags: pyyamlTags,
    lineCounter,
    uniqueKeys: false,
    prettyErrors: false,
  });
  const diagnostics: Diagnostic[] = [];
  const at = (offset: number, endOffset: number): Span => {
    const s = lineCounter.linePos(offset);
    const e = lineCounter.linePos(Math.max(endOffset, offset));
    return { file, line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
  };
  for (const error of doc.errors) {
    const [start, end] = error.pos;
    diagnostics.push({
      code: 'RULES_E_YAML_SYNTAX',
      severity: 'error',
      message: error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? 'YAML syntax error',
      ...at(start, end),
    });
  }
  const source = new YamlSourceMap(file, text, doc.contents, at);
  if (doc.errors.length > 0) return { file, text, value: undefined, source, diagnostics };
  findDuplicateKeys(doc.contents, '', (pair, first, pointer) => {
    const k = pair.key as Node;
    const [s, e] = k.range ?? [0, 0];
    const f = (first.key as Node).range ?? [0, 0];
    const fp = lineCounter.linePos(f[0]);
    diagnostics.push({
      code: 'RULES_E_YAML_DUPLICATE_KEY',
      severity: 'error',
      message: `duplicate key "${keyText(pair.key)}" (first at line ${fp.line}, column ${fp.col})`,
      hint: 'StackStorm silently keeps the last value; remove one of them.',
      pointer,
      ...at(s, e),
    });
  });
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    diagnostics.push({
      code: 'RULES_E_YAML_SYNTAX',
      severity: 'error',
      message: String((error as Error).message),
      ...at(0, 0),
    });
  }
  return { file, text, value, source, diagnostics };
}

function findDuplicateKeys(
  node: unknown,
  pointer: string,
  report: (pair: Pair, first: Pair, pointer: string) => void,
): void {
  if (isMap(node)) {
    const seen = new Map<string, Pair>();
    for (const pair of node.items) {
      const k = keyText(pair.key);
      const p = `${pointer}/${pointerSegment(k)}`;
      const first = seen.get(k);
      if (first) report(pair, first, p);
      else seen.set(k, pair);
      findDuplicateKeys(pair.value, p, report);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => findDuplicateKeys(item, `${pointer}/${i}`, report));
  }
}

class YamlSourceMap implements SourceMap {
  constructor(
    readonly file: string,
    private readonly text: string,
    private readonly root: unknown,
    private readonly at: (start: number, end: number) => Span,
  ) {}

  /** The pair holding the pointer's last segment (for mappings) and the value node. */
  private find(pointer: string): { pair?: Pair; node: unknown } | undefined {
    let node: unknown = this.root;
    let pair: Pair | undefined;
    for (const seg of pointerSegments(pointer)) {
      pair = undefined;
      if (isMap(node)) {
        // The last pair with that key: it is the one whose value survives.
        const found = node.items.findLast((p) => isPair(p) && keyText(p.key) === seg);
        if (!found) return undefined;
        pair = found;
        node = found.value;
      } else if (isSeq(node)) {
        if (!/^(0|[1-9]\d*)$/.test(seg)) return undefined;
        node = node.items[Number(seg)];
        if (node === undefined) return undefined;
      } else {
        return undefined;
      }
    }
    return pair ? { pair, node } : { node };
  }

  span(pointer: string): Span | undefined {
    const found = this.find(pointer);
    if (!found) return undefined;
    const range = (found.node as Node | null)?.range;
    if (range) return this.at(range[0], range[1]);
    // `key:` with no value: point at the key.
    return this.keySpan(pointer);
  }

  keySpan(pointer: string): Span | undefined {
    const found = this.find(pointer);
    const range = (found?.pair?.key as Node | undefined)?.range;
    if (!range) return pointer === '' || !found ? undefined : this.span(pointer);
    return this.at(range[0], range[1]);
  }

  scalarOffset(pointer: string, start: number, end?: number): Span | undefined {
    const found = this.find(pointer);
    const node = found?.node;
    if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return undefined;
    const map = offsetMap(this.text, node);
    const value = node.value;
    const s = map[Math.min(Math.max(start, 0), value.length)] ?? node.range[0];
    const e = end === undefined ? (map[value.length] ?? node.range[1]) : (map[Math.min(end, value.length)] ?? s);
    return this.at(s, Math.max(e, s));
  }
}

const ESCAPE_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * For a string scalar, the file offset of every character of its parsed value (plus one for the end).
 * Plain, single-quoted, double-quoted, literal and folded scalars; line folding maps the produced space
 * or newline to the line break it came from.
 */
export function offsetMap(text: string, node: Scalar): number[] {
  const [from, to] = node.range ?? [0, 0];
  const raw = text.slice(from, to);
  const out: number[] = [];
  const value = String(node.value);
  const type = node.type;
  if (type === Scalar.BLOCK_LITERAL || type === Scalar.BLOCK_FOLDED) {
    // Header line, then content lines with a common indentation that is not part of the value.
    const firstNl = raw.indexOf('\n');
    let pos = firstNl < 0 ? raw.length : firstNl + 1;
    const lines: Array<{ start: number; end: number }> = [];
    while (pos < raw.length) {
      let nl = raw.indexOf('\n', pos);
      if (nl < 0) nl = raw.length;
      lines.push({ start: pos, end: nl });
      pos = nl + 1;
    }
    const indents = lines
      .filter((l) => raw.slice(l.start, l.end).trim() !== '')
      .map((l) => /^ */.exec(raw.slice(l.start, l.end))?.[0].length ?? 0);
    const indent = indents.length ? Math.min(...indents) : 0;
    for (const l of lines) {
      const content = Math.min(l.start + indent, l.end);
      for (let i = content; i < l.end; i++) out.push(from + i);
      out.push(from + l.end);
    }
  } else if (type === Scalar.QUOTE_DOUBLE || type === Scalar.QUOTE_SINGLE) {
    const double = type === Scalar.QUOTE_DOUBLE;
    let i = 1;
    const endQuote = raw.length - 1;
    while (i < endQuote) {
      const c = raw[i];
      if (double && c === '\\') {
        const next = raw[i + 1] ?? '';
        if (next === '\n') {
          i += 2;
          while (raw[i] === ' ' || raw[i] === '\t') i++;
          continue;
        }
        const len = 2 + (ESCAPE_LENGTH[next] ?? 0);
        out.push(from + i);
        // A \U escape can yield two UTF-16 units.
        if (next === 'U' && parseInt(raw.slice(i + 2, i + 10), 16) > 0xffff) out.push(from + i);
        i += len;
      } else if (!double && c === "'" && raw[i + 1] === "'") {
        out.push(from + i);
        i += 2;
      } else if (c === '\n') {
        i = fold(raw, i, from, out);
      } else {
        out.push(from + i);
        i++;
      }
    }
    out.push(from + endQuote);
  } else {
    let i = 0;
    while (i < raw.length) {
      if (raw[i] === '\n') i = fold(raw, i, from, out);
      else {
        out.push(from + i);
        i++;
      }
    }
    out.push(from + raw.length);
  }
  // Trailing blank lines of block scalars (chomping) and the like: keep the table as long as the value.
  while (out.length < value.length + 1) out.push(out[out.length - 1] ?? from);
  return out;
}

/** A line break inside a flow scalar: trailing spaces before it were dropped, the break becomes a space or `\n`s. */
function fold(raw: string, i: number, from: number, out: number[]): number {
  // Trailing white space of the previous line is not part of the value.
  while (
    out.length > 0 &&
    (raw[(out[out.length - 1] ?? 0) - from] === ' ' || raw[(out[out.length - 1] ?? 0) - from] === '\t')
  )
    out.pop();
  let j = i;
  let breaks = 0;
  while (j < raw.length && (raw[j] === '\n' || raw[j] === ' ' || raw[j] === '\t' || raw[j] === '\r')) {
    if (raw[j] === '\n') breaks++;
    j++;
  }
  for (let b = 0; b < Math.max(1, breaks - 1); b++) out.push(from + i);
  return j;
}
