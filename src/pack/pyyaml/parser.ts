// libyaml 0.2.5's parser (src/parser.c) as a recursive descent over the scanner's tokens, composing nodes
// as PyYAML's CParser does (_yaml.pyx): anchors are registered before a collection's children, an alias is
// the anchored node itself, a duplicate anchor or an unknown alias is an error, and the stream must hold
// at most one document (yaml.load's get_single_node).
import { YamlError } from './error.ts';
import { resolveScalar } from './resolve.ts';
import { TAG } from './nodes.ts';
import type { MappingNode, ScalarNode, SequenceNode, YamlNode } from './nodes.ts';
import type { Scanner } from './scanner.ts';
import type { Mark, Token, TokenType } from './tokens.ts';
import { tokenName } from './tokens.ts';

/** Nesting deeper than this is refused: PyYAML would recurse as deep, our stack should not. */
export const MAX_DEPTH = 1000;

interface NodeProps {
  anchor?: string;
  tag?: string;
  start: Mark;
  end: Mark;
}

export class Parser {
  private readonly anchors = new Map<string, YamlNode>();
  private tagDirectives = new Map<string, string>();
  private depth = 0;

  constructor(private readonly s: Scanner) {}

  /** The single document of the stream, or null for a stream without one. */
  single(): YamlNode | null {
    const t = this.s.next();
    if (t.type !== 'STREAM-START') this.fail('did not find expected <stream-start>', t.start);
    const first = this.documentStart(true);
    if (first === 'end') return null;
    const node = first === 'implicit' ? this.node(true, false) : this.documentContent();
    this.documentEnd();
    const next = this.s.peek();
    const second = this.documentStart(false);
    if (second !== 'end') {
      throw new YamlError(
        'composer',
        'a second document starts here; StackStorm reads one document per file',
        next.start,
      );
    }
    return node;
  }

  private fail(problem: string, mark: Mark, context?: string, contextMark?: Mark): never {
    let found: TokenType | undefined;
    try {
      found = this.s.peek().type;
    } catch {
      found = undefined;
    }
    throw new YamlError('parser', problem, mark, context, contextMark, found ? { found } : {});
  }

  private is(t: Token, ...types: TokenType[]): boolean {
    return types.includes(t.type);
  }

  private documentStart(implicit: boolean): 'implicit' | 'explicit' | 'end' {
    let t = this.s.peek();
    if (!implicit) {
      while (t.type === 'DOCUMENT-END') {
        this.s.next();
        t = this.s.peek();
      }
    }
    if (implicit && !this.is(t, 'VERSION-DIRECTIVE', 'TAG-DIRECTIVE', 'DOCUMENT-START', 'STREAM-END')) {
      this.processDirectives();
      return 'implicit';
    }
    if (t.type === 'STREAM-END') {
      this.s.next();
      return 'end';
    }
    this.processDirectives();
    t = this.s.peek();
    if (t.type !== 'DOCUMENT-START') this.fail(`expected '---' (a document start), found ${tokenName(t)}`, t.start);
    this.s.next();
    return 'explicit';
  }

  private processDirectives(): void {
    const directives = new Map<string, string>();
    let version = false;
    let t = this.s.peek();
    while (this.is(t, 'VERSION-DIRECTIVE', 'TAG-DIRECTIVE')) {
      if (t.type === 'VERSION-DIRECTIVE') {
        if (version) this.fail('found duplicate %YAML directive', t.start);
        // libyaml 0.2.5 accepts 1.1 and 1.2 only (PyYAML's own parser would accept any 1.x).
        if (t.major !== 1 || (t.minor !== 1 && t.minor !== 2)) this.fail('found incompatible YAML document', t.start);
        version = true;
      } else {
        const handle = t.handle ?? '';
        if (directives.has(handle)) this.fail('found duplicate %TAG directive', t.start);
        directives.set(handle, t.value ?? '');
      }
      this.s.next();
      t = this.s.peek();
    }
    if (!directives.has('!')) directives.set('!', '!');
    if (!directives.has('!!')) directives.set('!!', 'tag:yaml.org,2002:');
    this.tagDirectives = directives;
  }

  private documentContent(): YamlNode {
    const t = this.s.peek();
    if (this.is(t, 'VERSION-DIRECTIVE', 'TAG-DIRECTIVE', 'DOCUMENT-START', 'DOCUMENT-END', 'STREAM-END')) {
      return this.empty(t.start);
    }
    return this.node(true, false);
  }

  private documentEnd(): void {
    if (this.s.peek().type === 'DOCUMENT-END') this.s.next();
    this.anchors.clear();
  }

  private empty(mark: Mark): ScalarNode {
    return { kind: 'scalar', tag: TAG.null, value: '', style: 'plain', start: mark, end: mark };
  }

  /** Anchor and tag, in either order, before a node. */
  private props(): NodeProps {
    let t = this.s.peek();
    const props: NodeProps = { start: t.start, end: t.start };
    let tagToken: Token | undefined;
    for (let i = 0; i < 2; i++) {
      if (t.type === 'ANCHOR' && props.anchor === undefined) props.anchor = t.value ?? '';
      else if (t.type === 'TAG' && !tagToken) tagToken = t;
      else break;
      props.end = t.end;
      this.s.next();
      t = this.s.peek();
    }
    if (tagToken) props.tag = this.tagOf(tagToken, props.start);
    return props;
  }

  private tagOf(t: Token, start: Mark): string {
    const handle = t.handle ?? '';
    const suffix = t.suffix ?? '';
    if (handle === '') return suffix;
    const prefix = this.tagDirectives.get(handle);
    if (prefix === undefined) this.fail('found undefined tag handle', t.start, 'while parsing a node', start);
    return prefix + suffix;
  }

  private node(block: boolean, indentlessSequence: boolean): YamlNode {
    const t = this.s.peek();
    if (t.type === 'ALIAS') {
      this.s.next();
      const target = this.anchors.get(t.value ?? '');
      if (!target)
        throw new YamlError(
          'composer',
          `alias "*${t.value ?? ''}" refers to no anchor defined before it`,
          t.start,
          undefined,
          undefined,
          { end: t.end },
        );
      return target;
    }
    if (++this.depth > MAX_DEPTH) {
      throw new YamlError('limit', `collections nest deeper than ${MAX_DEPTH} levels`, t.start);
    }
    const props = this.props();
    const node = this.content(props, block, indentlessSequence);
    this.depth--;
    return node;
  }

  private register(props: NodeProps, node: YamlNode): void {
    if (props.anchor === undefined) return;
    const first = this.anchors.get(props.anchor);
    if (first) {
      const at = `line ${first.start.line + 1}, column ${first.start.column + 1}`;
      throw new YamlError(
        'composer',
        `anchor "&${props.anchor}" is defined twice (first for the value at ${at})`,
        props.start,
      );
    }
    this.anchors.set(props.anchor, node);
  }

  private content(props: NodeProps, block: boolean, indentlessSequence: boolean): YamlNode {
    const t = this.s.peek();
    const tag = props.tag;
    const collectionTag = (fallback: string): string => (tag === undefined || tag === '!' ? fallback : tag);
    if (indentlessSequence && t.type === 'BLOCK-ENTRY') {
      return this.indentlessSequence(props, collectionTag(TAG.seq));
    }
    if (t.type === 'SCALAR') {
      this.s.next();
      const plainImplicit = (t.style === 'plain' && tag === undefined) || tag === '!';
      const value = t.value ?? '';
      const node: ScalarNode = {
        kind: 'scalar',
        tag: tag === undefined || tag === '!' ? resolveScalar(value, plainImplicit) : tag,
        value,
        style: t.style ?? 'plain',
        start: t.start,
        end: t.end,
      };
      this.register(props, node);
      return node;
    }
    if (t.type === 'FLOW-SEQUENCE-START') return this.flowSequence(props, collectionTag(TAG.seq));
    if (t.type === 'FLOW-MAPPING-START') return this.flowMapping(props, collectionTag(TAG.map));
    if (block && t.type === 'BLOCK-SEQUENCE-START') return this.blockSequence(props, collectionTag(TAG.seq));
    if (block && t.type === 'BLOCK-MAPPING-START') return this.blockMapping(props, collectionTag(TAG.map));
    if (props.anchor !== undefined || tag !== undefined) {
      // An anchor or tag with no content: an empty plain scalar, implicit only when untagged.
      const node: ScalarNode = {
        kind: 'scalar',
        tag: tag === undefined || tag === '!' ? resolveScalar('', tag === undefined) : tag,
        value: '',
        style: 'plain',
        start: props.end,
        end: props.end,
      };
      this.register(props, node);
      return node;
    }
    const context = block ? 'while parsing a block node' : 'while parsing a flow node';
    return this.fail(`expected a value, found ${tokenName(t)}`, t.start, context, props.start);
  }

  private blockSequence(props: NodeProps, tag: string): SequenceNode {
    const open = this.s.next();
    const node: SequenceNode = { kind: 'seq', tag, items: [], flow: false, start: open.start, end: open.end };
    this.register(props, node);
    for (;;) {
      let t = this.s.peek();
      if (t.type === 'BLOCK-ENTRY') {
        const mark = t.end;
        this.s.next();
        t = this.s.peek();
        const item = this.is(t, 'BLOCK-ENTRY', 'BLOCK-END') ? this.empty(mark) : this.node(true, false);
        node.items.push(item);
        node.end = item.end.pos > mark.pos ? item.end : mark;
      } else if (t.type === 'BLOCK-END') {
        this.s.next();
        return node;
      } else {
        return this.fail(
          `expected '-', found ${tokenName(t)}`,
          t.start,
          'while parsing a block collection',
          open.start,
        );
      }
    }
  }

  private indentlessSequence(props: NodeProps, tag: string): SequenceNode {
    const first = this.s.peek();
    const node: SequenceNode = { kind: 'seq', tag, items: [], flow: false, start: first.start, end: first.end };
    this.register(props, node);
    for (;;) {
      let t = this.s.peek();
      if (t.type !== 'BLOCK-ENTRY') return node;
      const mark = t.end;
      this.s.next();
      t = this.s.peek();
      const item = this.is(t, 'BLOCK-ENTRY', 'KEY', 'VALUE', 'BLOCK-END') ? this.empty(mark) : this.node(true, false);
      node.items.push(item);
      node.end = item.end.pos > mark.pos ? item.end : mark;
    }
  }

  private blockMapping(props: NodeProps, tag: string): MappingNode {
    const open = this.s.next();
    const node: MappingNode = { kind: 'map', tag, pairs: [], flow: false, start: open.start, end: open.end };
    this.register(props, node);
    for (;;) {
      let t = this.s.peek();
      if (t.type === 'BLOCK-END') {
        this.s.next();
        return node;
      }
      if (t.type !== 'KEY') {
        return this.fail(`expected a key, found ${tokenName(t)}`, t.start, 'while parsing a block mapping', open.start);
      }
      const keyMark = t.end;
      this.s.next();
      t = this.s.peek();
      const key = this.is(t, 'KEY', 'VALUE', 'BLOCK-END') ? this.empty(keyMark) : this.node(true, true);
      t = this.s.peek();
      let value: YamlNode;
      if (t.type === 'VALUE') {
        const mark = t.end;
        this.s.next();
        t = this.s.peek();
        value = this.is(t, 'KEY', 'VALUE', 'BLOCK-END') ? this.empty(mark) : this.node(true, true);
      } else {
        value = this.empty(t.start);
      }
      node.pairs.push([key, value]);
      node.end = value.end.pos > key.end.pos ? value.end : key.end;
    }
  }

  private flowSequence(props: NodeProps, tag: string): SequenceNode {
    const open = this.s.next();
    const node: SequenceNode = { kind: 'seq', tag, items: [], flow: true, start: open.start, end: open.end };
    this.register(props, node);
    for (let first = true; ; first = false) {
      let t = this.s.peek();
      if (t.type !== 'FLOW-SEQUENCE-END') {
        if (!first) {
          if (t.type !== 'FLOW-ENTRY') {
            this.fail(
              `expected ',' or ']', found ${tokenName(t)}`,
              t.start,
              'while parsing a flow sequence',
              open.start,
            );
          }
          this.s.next();
          t = this.s.peek();
        }
        if (t.type === 'KEY') {
          node.items.push(this.flowSequencePair(t));
          continue;
        }
        if (t.type !== 'FLOW-SEQUENCE-END') {
          node.items.push(this.node(false, false));
          continue;
        }
      }
      node.end = this.s.next().end;
      return node;
    }
  }

  /** `[a: b]` and `[? a : b]`: a single-pair mapping inside a flow sequence. */
  private flowSequencePair(keyToken: Token): MappingNode {
    this.s.next();
    const pair: MappingNode = {
      kind: 'map',
      tag: TAG.map,
      pairs: [],
      flow: true,
      start: keyToken.start,
      end: keyToken.end,
    };
    let t = this.s.peek();
    let key: YamlNode;
    if (!this.is(t, 'VALUE', 'FLOW-ENTRY', 'FLOW-SEQUENCE-END')) key = this.node(false, false);
    else {
      // libyaml consumes the token that follows an empty key here (a quirk PyYAML's own parser lacks).
      key = this.empty(t.end);
      this.s.next();
    }
    t = this.s.peek();
    let value: YamlNode | undefined;
    if (t.type === 'VALUE') {
      this.s.next();
      t = this.s.peek();
      if (!this.is(t, 'FLOW-ENTRY', 'FLOW-SEQUENCE-END')) value = this.node(false, false);
    }
    value ??= this.empty(this.s.peek().start);
    pair.pairs.push([key, value]);
    pair.end = value.end.pos > key.end.pos ? value.end : key.end;
    return pair;
  }

  private flowMapping(props: NodeProps, tag: string): MappingNode {
    const open = this.s.next();
    const node: MappingNode = { kind: 'map', tag, pairs: [], flow: true, start: open.start, end: open.end };
    this.register(props, node);
    for (let first = true; ; first = false) {
      let t = this.s.peek();
      if (t.type !== 'FLOW-MAPPING-END') {
        if (!first) {
          if (t.type !== 'FLOW-ENTRY') {
            this.fail(
              `expected ',' or '}', found ${tokenName(t)}`,
              t.start,
              'while parsing a flow mapping',
              open.start,
            );
          }
          this.s.next();
          t = this.s.peek();
        }
        if (t.type !== 'FLOW-MAPPING-END') {
          node.pairs.push(this.flowMappingPair(t));
          continue;
        }
      }
      node.end = this.s.next().end;
      return node;
    }
  }

  private flowMappingPair(first: Token): [YamlNode, YamlNode] {
    let t = first;
    if (t.type !== 'KEY') {
      // `{a, b: c}`: a key without `:` has an empty value.
      const key = this.node(false, false);
      return [key, this.empty(this.s.peek().start)];
    }
    this.s.next();
    t = this.s.peek();
    const key = this.is(t, 'VALUE', 'FLOW-ENTRY', 'FLOW-MAPPING-END') ? this.empty(t.start) : this.node(false, false);
    t = this.s.peek();
    if (t.type === 'VALUE') {
      this.s.next();
      t = this.s.peek();
      if (!this.is(t, 'FLOW-ENTRY', 'FLOW-MAPPING-END')) return [key, this.node(false, false)];
    }
    return [key, this.empty(t.start)];
  }
}
