// PyYAML's SafeConstructor (yaml/constructor.py) over the composed nodes, producing JavaScript values:
//   null, bool, str -> null, boolean, string     int, float -> number (ints past 2**53 lose digits)
//   binary -> Uint8Array     timestamp -> Date (UTC instant; DATE_ONLY marks dates)
//   seq -> array     map -> plain object     set -> Set     omap, pairs -> array of [key, value]
// Mapping keys follow Python's dict: equal keys (1, 1.0 and true are equal) keep the first key's place
// and the last value; merge keys (`<<`) are flattened as flatten_mapping does. The object's property name
// is the key as JSON would write it (true -> "true", null -> "null"; dates as ISO text). Two refusals
// PyYAML lacks protect the runtime: recursive aliases (JSON and every consumer would loop) and alias
// expansions past a limit.
import { YamlError } from './error.ts';
import { TAG } from './nodes.ts';
import type { MappingNode, ScalarNode, YamlNode } from './nodes.ts';
import { pyBase64Decode, pyFloat, pyInt } from './py-scalars.ts';
import { DATE_ONLY, constructTimestamp } from './timestamp.ts';

/** Nodes an alias-expanded document may hold before it is refused as an alias bomb. */
export const MAX_EXPANDED_NODES = 1_000_000;

const BOOL: Record<string, boolean> = { yes: true, no: false, true: true, false: false, on: true, off: false };

function refuse(node: YamlNode, problem: string, context?: string, contextNode?: YamlNode): never {
  throw new YamlError('constructor', problem, node.start, context, contextNode?.start, { end: node.end });
}

/** A Python dict key's identity: equal Python keys get equal identities. */
export function keyIdentity(key: unknown, nanCount: { n: number }): string {
  if (typeof key === 'string') return `s${key}`;
  if (typeof key === 'boolean') return `n${key ? 1 : 0}`;
  if (typeof key === 'number') return Number.isNaN(key) ? `nan${nanCount.n++}` : `n${key === 0 ? 0 : key}`;
  if (key === null) return 'null';
  if (key instanceof Date) return `${DATE_ONLY.has(key) ? 'd' : 't'}${key.getTime()}`;
  if (key instanceof Uint8Array) return `b${Array.from(key).join(',')}`;
  return `?${typeof key}`;
}

/** Python's float repr (what json.dumps writes for a float key): `1.0`, `1e+16`, `1e-05`. */
function floatRepr(x: number): string {
  if (Object.is(x, -0)) return '-0.0';
  const [mantissa = '', exp = '0'] = x.toExponential().split('e');
  const e = Number(exp);
  if (e < -4 || e >= 16) {
    const m = mantissa.replace(/\.?0*$/, '') || '0';
    return `${m}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  const fixed = String(x);
  return fixed.includes('.') ? fixed : `${fixed}.0`;
}

/** The property name a Python key becomes (json.dumps' conversion of keys), exact for big int keys. */
export function propertyName(key: unknown, node?: YamlNode): string {
  if (typeof key === 'string') return key;
  if (typeof key === 'number') {
    if (Number.isNaN(key)) return 'NaN';
    if (!Number.isFinite(key)) return key > 0 ? 'Infinity' : '-Infinity';
    if (node?.tag === TAG.float) return floatRepr(key);
    if (Number.isSafeInteger(key)) return String(key);
    const exact = node?.kind === 'scalar' ? constructInt(node.value) : undefined;
    return (exact ?? BigInt(key)).toString();
  }
  // JSON has no dates: a date key is named as Python's str() writes it, a datetime by its UTC instant.
  if (key instanceof Date) return DATE_ONLY.has(key) ? key.toISOString().slice(0, 10) : key.toISOString();
  if (key instanceof Uint8Array) return String.fromCharCode(...key);
  return String(key);
}

function isUnhashable(v: unknown): boolean {
  return (
    Array.isArray(v) ||
    v instanceof Set ||
    (typeof v === 'object' && v !== null && !(v instanceof Date) && !(v instanceof Uint8Array))
  );
}

function setProperty(obj: Record<string, unknown>, name: string, value: unknown): void {
  if (name === '__proto__')
    Object.defineProperty(obj, name, { value, enumerable: true, writable: true, configurable: true });
  else obj[name] = value;
}

export class Constructor {
  private readonly done = new Map<YamlNode, unknown>();
  private readonly filling = new Set<YamlNode>();
  private readonly flat = new Map<MappingNode, Array<[YamlNode, YamlNode]>>();
  /** Per mapping node, the pair each property name came from (for positions). */
  readonly sources = new Map<MappingNode, Map<string, [YamlNode, YamlNode]>>();

  /** What a node was constructed to (a `=` key is the string '='). */
  valueOf(node: YamlNode): unknown {
    return node.tag === TAG.value && node.kind === 'scalar' ? node.value : this.done.get(node);
  }

  construct(root: YamlNode | null): unknown {
    if (root === null) return null;
    checkExpansion(root);
    return this.object(root);
  }

  private object(node: YamlNode): unknown {
    if (this.done.has(node)) {
      if (this.filling.has(node)) {
        refuse(node, 'an alias refers to a collection that contains it (a recursive structure)');
      }
      return this.done.get(node);
    }
    const value = this.build(node);
    this.done.set(node, value);
    return value;
  }

  private build(node: YamlNode): unknown {
    switch (node.tag) {
      case TAG.null:
        this.scalar(node);
        return null;
      case TAG.bool:
        return this.bool(node);
      case TAG.int:
        return this.int(node);
      case TAG.float:
        return this.float(node);
      case TAG.str:
        return this.scalar(node);
      case TAG.binary:
        return this.binary(node);
      case TAG.timestamp:
        return this.timestamp(node);
      case TAG.seq:
      case TAG.map:
      case TAG.set:
      case TAG.omap:
      case TAG.pairs:
        return this.collection(node);
    }
    return refuse(node, `could not determine a constructor for the tag '${node.tag}'`);
  }

  /** Collections are registered before their content is built, so aliases inside them see the same object. */
  private collection(node: YamlNode): unknown {
    const tag = node.tag;
    if (tag === TAG.map) return this.filled(node, {}, (v: Record<string, unknown>) => this.fillMapping(node, v));
    if (tag === TAG.set) return this.filled(node, new Set<unknown>(), (v) => this.fillSet(node, v));
    const list: unknown[] = [];
    if (tag === TAG.seq) return this.filled(node, list, (v) => this.fillSequence(node, v));
    const context = tag === TAG.omap ? 'while constructing an ordered map' : 'while constructing pairs';
    return this.filled(node, list, (v) => this.fillPairs(node, v, context));
  }

  private filled<T>(node: YamlNode, value: T, fill: (value: T) => void): T {
    this.done.set(node, value);
    this.filling.add(node);
    fill(value);
    this.filling.delete(node);
    return value;
  }

  /** construct_scalar, including SafeConstructor's `{=: value}` mapping form. */
  private scalar(node: YamlNode): string {
    if (node.kind === 'scalar') return node.value;
    if (node.kind === 'map') {
      for (const [k, v] of node.pairs) if (k.tag === TAG.value) return this.scalar(v);
    }
    return refuse(node, `expected a scalar node, but found ${node.kind === 'map' ? 'mapping' : 'sequence'}`);
  }

  private bool(node: YamlNode): boolean {
    const b = BOOL[this.scalar(node).toLowerCase()];
    if (b === undefined) refuse(node, `"${this.scalar(node)}" is not a YAML boolean (KeyError)`);
    return b;
  }

  private int(node: YamlNode): number {
    const text = this.scalar(node);
    const n = constructInt(text);
    if (n === undefined) refuse(node, `invalid literal for int(): "${text}"`);
    return Number(n);
  }

  private float(node: YamlNode): number {
    const text = this.scalar(node);
    const n = constructFloat(text);
    if (n === undefined) refuse(node, `could not convert string to float: "${text}"`);
    return n;
  }

  private binary(node: YamlNode): Uint8Array {
    const text = this.scalar(node);
    if (/[\u0080-\uffff]/.test(text)) refuse(node, 'failed to convert base64 data into ascii');
    const bytes = pyBase64Decode(text);
    if (!bytes) refuse(node, 'failed to decode base64 data: Incorrect padding');
    return bytes;
  }

  private timestamp(node: YamlNode): Date {
    const text = this.scalar(node);
    const result = constructTimestamp(text);
    if (typeof result === 'string') refuse(node, `"${text}" is a YAML 1.1 timestamp, and ${result}`);
    return result;
  }

  private fillSequence(node: YamlNode, out: unknown[]): void {
    if (node.kind !== 'seq')
      refuse(node, `expected a sequence node, but found ${node.kind === 'map' ? 'mapping' : 'scalar'}`);
    for (const item of node.items) out.push(this.object(item));
  }

  private mappingNode(node: YamlNode): MappingNode {
    if (node.kind !== 'map')
      refuse(node, `expected a mapping node, but found ${node.kind === 'seq' ? 'sequence' : 'scalar'}`);
    return node;
  }

  /** construct_mapping: keys and values in order after merges, with the unhashable-key check. */
  private entries(node: MappingNode): Array<{ key: unknown; value: unknown; pair: [YamlNode, YamlNode] }> {
    const out = [];
    for (const pair of this.flatten(node)) {
      const key = this.keyObject(pair[0]);
      if (isUnhashable(key)) refuse(pair[0], 'found unhashable key', 'while constructing a mapping', node);
      out.push({ key, value: this.object(pair[1]), pair });
    }
    return out;
  }

  /** A key node: `=` keys of a flattened mapping are strings (flatten_mapping retags them). */
  private keyObject(k: YamlNode): unknown {
    return k.tag === TAG.value && k.kind === 'scalar' ? k.value : this.object(k);
  }

  private fillMapping(node: YamlNode, out: Record<string, unknown>): void {
    const map = this.mappingNode(node);
    const ids = new Map<string, string>();
    const nan = { n: 0 };
    const sources = new Map<string, [YamlNode, YamlNode]>();
    for (const { key, value, pair } of this.entries(map)) {
      const id = keyIdentity(key, nan);
      const name = ids.get(id) ?? propertyName(key, pair[0]);
      ids.set(id, name);
      setProperty(out, name, value);
      sources.set(name, pair);
    }
    this.sources.set(map, sources);
  }

  private fillSet(node: YamlNode, out: Set<unknown>): void {
    const seen = new Set<string>();
    const nan = { n: 0 };
    for (const { key } of this.entries(this.mappingNode(node))) {
      const id = keyIdentity(key, nan);
      if (seen.has(id)) continue;
      seen.add(id);
      out.add(key);
    }
  }

  private fillPairs(node: YamlNode, out: unknown[], context: string): void {
    if (node.kind !== 'seq')
      refuse(node, `expected a sequence, but found ${node.kind === 'map' ? 'mapping' : 'scalar'}`, context, node);
    for (const sub of node.items) {
      if (sub.kind !== 'map')
        refuse(
          sub,
          `expected a mapping of length 1, but found ${sub.kind === 'seq' ? 'sequence' : 'scalar'}`,
          context,
          node,
        );
      if (sub.pairs.length !== 1)
        refuse(sub, `expected a single mapping item, but found ${sub.pairs.length} items`, context, node);
      const [k, v] = sub.pairs[0] as [YamlNode, YamlNode];
      out.push([this.object(k), this.object(v)]);
    }
  }

  /** flatten_mapping without changing the node: merged pairs first (earlier merge sources win), then its own. */
  private flatten(node: MappingNode): Array<[YamlNode, YamlNode]> {
    const known = this.flat.get(node);
    if (known) return known;
    const merge: Array<[YamlNode, YamlNode]> = [];
    const own: Array<[YamlNode, YamlNode]> = [];
    for (const [k, v] of node.pairs) {
      if (k.tag !== TAG.merge) {
        own.push([k, v]);
        continue;
      }
      if (v.kind === 'map') merge.push(...this.flatten(v));
      else if (v.kind === 'seq') {
        const subs = v.items.map((sub) => {
          if (sub.kind !== 'map') {
            refuse(
              sub,
              `expected a mapping for merging, but found ${sub.kind === 'seq' ? 'sequence' : 'scalar'}`,
              'while constructing a mapping',
              node,
            );
          }
          return this.flatten(sub);
        });
        for (const s of subs.reverse()) merge.push(...s);
      } else {
        refuse(
          v,
          'expected a mapping or list of mappings for merging, but found scalar',
          'while constructing a mapping',
          node,
        );
      }
    }
    const out = merge.length > 0 ? [...merge, ...own] : own;
    this.flat.set(node, out);
    return out;
  }
}

/** construct_yaml_int on the scalar's text (underscores dropped, sign, 0b/0x/0 prefixes, base 60). */
export function constructInt(text: string): bigint | undefined {
  let value = text.replaceAll('_', '');
  let sign = 1n;
  if (value[0] === undefined) return undefined;
  if (value[0] === '-') sign = -1n;
  if (value[0] === '+' || value[0] === '-') value = value.slice(1);
  if (value === '0') return 0n;
  let n: bigint | undefined;
  if (value.startsWith('0b')) n = pyInt(value.slice(2), 2);
  else if (value.startsWith('0x')) n = pyInt(value.slice(2), 16);
  else if (value[0] === '0') n = pyInt(value, 8);
  else if (value.includes(':')) {
    n = 0n;
    for (const part of value.split(':')) {
      const digit = pyInt(part, 10);
      if (digit === undefined) return undefined;
      n = n * 60n + digit;
    }
  } else {
    if (value[0] === undefined) return undefined;
    n = pyInt(value, 10);
  }
  return n === undefined ? undefined : sign * n;
}

/** construct_yaml_float on the scalar's text (underscores dropped, lower-cased, .inf/.nan, base 60). */
export function constructFloat(text: string): number | undefined {
  let value = text.replaceAll('_', '').toLowerCase();
  let sign = 1;
  if (value[0] === undefined) return undefined;
  if (value[0] === '-') sign = -1;
  if (value[0] === '+' || value[0] === '-') value = value.slice(1);
  if (value === '.inf') return sign * Infinity;
  if (value === '.nan') return NaN;
  if (value.includes(':')) {
    let n = 0;
    let base = 1;
    for (const part of value.split(':').reverse()) {
      const digit = pyFloat(part);
      if (digit === undefined) return undefined;
      n += digit * base;
      base *= 60;
    }
    return sign * n;
  }
  const f = pyFloat(value);
  return f === undefined ? undefined : sign * f;
}

/** Refuses documents whose aliases expand past MAX_EXPANDED_NODES nodes (the "billion laughs"). */
function checkExpansion(root: YamlNode): void {
  const size = new Map<YamlNode, number>();
  const visiting = new Set<YamlNode>();
  const measure = (node: YamlNode): number => {
    const known = size.get(node);
    if (known !== undefined) return known;
    if (visiting.has(node)) return 1; // recursive: refused when constructed
    visiting.add(node);
    let n = 1;
    if (node.kind === 'seq') for (const item of node.items) n += measure(item);
    else if (node.kind === 'map') for (const [k, v] of node.pairs) n += measure(k) + measure(v);
    visiting.delete(node);
    size.set(node, Math.min(n, MAX_EXPANDED_NODES + 1));
    return n;
  };
  if (measure(root) > MAX_EXPANDED_NODES) {
    throw new YamlError('limit', `aliases expand the document to more than ${MAX_EXPANDED_NODES} nodes`, root.start);
  }
}

export type { ScalarNode };
