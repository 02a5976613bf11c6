// YAML exactly as StackStorm reads pack files: PyYAML's `yaml.load(stream, Loader=CSafeLoader)` on a file
// opened as UTF-8 text (st2common/constants/meta.py yaml_safe_load, content/loader.py MetaLoader._load).
// CSafeLoader is libyaml 0.2.5's scanner and parser under PyYAML's composer, resolver and SafeConstructor;
// this folder follows each of them, keeping every node's position for diagnostics.
import { Constructor } from './construct.ts';
import { YamlError } from './error.ts';
import type { MappingNode, YamlNode } from './nodes.ts';
import { Parser } from './parser.ts';
import { checkPrintable } from './reader.ts';
import { Scanner } from './scanner.ts';

export { YamlError } from './error.ts';
export type { YamlErrorKind } from './error.ts';
export type { MappingNode, ScalarNode, SequenceNode, YamlNode } from './nodes.ts';
export { TAG } from './nodes.ts';
export type { Mark, ScalarStyle } from './tokens.ts';
export { DATE_ONLY } from './timestamp.ts';
export { MAX_EXPANDED_NODES, keyIdentity } from './construct.ts';
export { MAX_DEPTH } from './parser.ts';

export interface YamlLoad {
  /** The text as the loader saw it: Python's text mode turns CR LF and CR into LF. */
  text: string;
  /** The document (null for a stream without one); undefined when the text is refused. */
  value: unknown;
  /** The composed document, when parsing got that far. */
  root: YamlNode | null | undefined;
  error?: YamlError;
  /** For each constructed mapping, the pair each property came from (merged pairs included). */
  sources: Map<MappingNode, Map<string, [YamlNode, YamlNode]>>;
  /** The value a key node was constructed to (duplicate keys are found with it). */
  keyValue(node: YamlNode): unknown;
}

/** Python's universal newlines (open(path, 'r')): what StackStorm's loader actually reads. */
export function universalNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/** Loads one YAML document as CSafeLoader does; a refusal is `error`, never an exception. */
export function loadYaml(raw: string): YamlLoad {
  const text = universalNewlines(raw);
  const constructor = new Constructor();
  let root: YamlNode | null | undefined;
  let value: unknown;
  let error: YamlError | undefined;
  try {
    checkPrintable(text);
    root = new Parser(new Scanner(text)).single();
    value = constructor.construct(root);
  } catch (e) {
    if (e instanceof YamlError) error = e;
    else if (e instanceof RangeError) {
      // The stack ran out (a very long alias chain): refuse rather than crash.
      error = new YamlError('limit', 'the document is nested too deeply to load', {
        pos: 0,
        line: 0,
        column: 0,
        index: 0,
      });
    } else throw e;
    value = undefined;
  }
  return {
    text,
    value,
    root,
    ...(error ? { error } : {}),
    sources: constructor.sources,
    keyValue: constructor.valueOf.bind(constructor),
  };
}
