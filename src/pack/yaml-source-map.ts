// Positions of a loaded YAML document: every value can be found again by JSON pointer, and offsets inside a
// string value map back to the file.
import type { MappingNode, ScalarNode, YamlLoad, YamlNode } from './pyyaml/index.ts';
import { TAG } from './pyyaml/index.ts';
import type { SourceMap, Span } from '../model/index.ts';

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

/** 1-based line and UTF-16 column of offsets in a text (lines end at LF). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  at(pos: number): { line: number; col: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= pos) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: pos - (this.starts[lo] ?? 0) + 1 };
  }
}

export type At = (start: number, end: number) => Span;

export class YamlSourceMap implements SourceMap {
  constructor(
    readonly file: string,
    private readonly load: YamlLoad,
    private readonly at: At,
  ) {}

  /** The pair holding the pointer's last segment (for mappings) and the value node. */
  private find(pointer: string): { pair?: [YamlNode, YamlNode]; node: YamlNode } | undefined {
    let node = this.load.root;
    if (!node) return undefined;
    let pair: [YamlNode, YamlNode] | undefined;
    for (const seg of pointerSegments(pointer)) {
      pair = undefined;
      if (node.kind === 'map') {
        pair = this.pairOf(node, seg);
        if (!pair) return undefined;
        node = pair[1];
      } else if (node.kind === 'seq') {
        if (!/^(0|[1-9]\d*)$/.test(seg)) return undefined;
        const item: YamlNode | undefined = node.items[Number(seg)];
        if (!item) return undefined;
        node = item;
      } else {
        return undefined;
      }
    }
    return pair ? { pair, node } : { node };
  }

  /** The pair a property came from: the constructor's record (merges included), else the last such key. */
  private pairOf(node: MappingNode, name: string): [YamlNode, YamlNode] | undefined {
    const known = this.load.sources.get(node);
    if (known) return known.get(name);
    return node.pairs.findLast(([k]) => k.kind === 'scalar' && k.value === name);
  }

  span(pointer: string): Span | undefined {
    const found = this.find(pointer);
    if (!found) return undefined;
    const { node } = found;
    // `key:` with no value: point at the key.
    if (node.kind === 'scalar' && node.start.pos === node.end.pos && node.value === '') return this.keySpan(pointer);
    return this.at(node.start.pos, node.end.pos);
  }

  keySpan(pointer: string): Span | undefined {
    const found = this.find(pointer);
    if (!found) return undefined;
    const key = found.pair?.[0];
    if (key && key.start.pos !== key.end.pos) return this.at(key.start.pos, key.end.pos);
    if (pointer === '') return undefined;
    // No key text (a sequence item, an empty key): the value itself.
    return this.at(found.node.start.pos, found.node.end.pos);
  }

  scalarOffset(pointer: string, start: number, end?: number): Span | undefined {
    const node = this.find(pointer)?.node;
    if (node?.kind !== 'scalar' || node.tag !== TAG.str) return undefined;
    const map = offsetMap(this.load.text, node);
    const value = node.value;
    const s = map[Math.min(Math.max(start, 0), value.length)] ?? node.start.pos;
    const e = end === undefined ? (map[value.length] ?? node.end.pos) : (map[Math.min(end, value.length)] ?? s);
    return this.at(s, Math.max(e, s));
  }
}

const ESCAPE_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * For a string scalar, the file offset of every UTF-16 unit of its value (plus one for the end). Plain,
 * quoted, literal and folded scalars; line folding maps the produced space or newline to its line break.
 */
export function offsetMap(text: string, node: ScalarNode): number[] {
  const from = node.start.pos;
  const raw = text.slice(from, node.end.pos);
  const out: number[] = [];
  if (node.style === 'literal' || node.style === 'folded') blockOffsets(raw, from, out);
  else if (node.style === 'double' || node.style === 'single') quotedOffsets(raw, from, node.style === 'double', out);
  else {
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
  while (out.length < node.value.length + 1) out.push(out[out.length - 1] ?? from);
  return out;
}

/** Header line, then content lines with a common indentation that is not part of the value. */
function blockOffsets(raw: string, from: number, out: number[]): void {
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
}

function quotedOffsets(raw: string, from: number, double: boolean, out: number[]): void {
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
      out.push(from + i);
      // A \U escape can yield two UTF-16 units.
      if (next === 'U' && parseInt(raw.slice(i + 2, i + 10), 16) > 0xffff) out.push(from + i);
      i += 2 + (ESCAPE_LENGTH[next] ?? 0);
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
}

/** A line break inside a flow scalar: trailing spaces before it were dropped, the break becomes a space or `\n`s. */
function fold(raw: string, i: number, from: number, out: number[]): number {
  const last = (): string | undefined => raw[(out[out.length - 1] ?? 0) - from];
  while (out.length > 0 && (last() === ' ' || last() === '\t')) out.pop();
  let j = i;
  let breaks = 0;
  while (j < raw.length && (raw[j] === '\n' || raw[j] === ' ' || raw[j] === '\t')) {
    if (raw[j] === '\n') breaks++;
    j++;
  }
  for (let b = 0; b < Math.max(1, breaks - 1); b++) out.push(from + i);
  return j;
}
