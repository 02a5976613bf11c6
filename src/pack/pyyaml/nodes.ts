// The node graph PyYAML's composer builds (yaml/nodes.py): tags resolved, aliases are the same node object.
import type { Mark, ScalarStyle } from './tokens.ts';

export interface ScalarNode {
  kind: 'scalar';
  tag: string;
  value: string;
  style: ScalarStyle;
  /** The scalar's own text (after any tag or anchor); start === end for an empty value. */
  start: Mark;
  end: Mark;
}

export interface SequenceNode {
  kind: 'seq';
  tag: string;
  items: YamlNode[];
  flow: boolean;
  start: Mark;
  end: Mark;
}

export interface MappingNode {
  kind: 'map';
  tag: string;
  pairs: Array<[YamlNode, YamlNode]>;
  flow: boolean;
  start: Mark;
  end: Mark;
}

export type YamlNode = ScalarNode | SequenceNode | MappingNode;

export const TAG = {
  null: 'tag:yaml.org,2002:null',
  bool: 'tag:yaml.org,2002:bool',
  int: 'tag:yaml.org,2002:int',
  float: 'tag:yaml.org,2002:float',
  str: 'tag:yaml.org,2002:str',
  binary: 'tag:yaml.org,2002:binary',
  timestamp: 'tag:yaml.org,2002:timestamp',
  seq: 'tag:yaml.org,2002:seq',
  map: 'tag:yaml.org,2002:map',
  set: 'tag:yaml.org,2002:set',
  omap: 'tag:yaml.org,2002:omap',
  pairs: 'tag:yaml.org,2002:pairs',
  merge: 'tag:yaml.org,2002:merge',
  value: 'tag:yaml.org,2002:value',
  yaml: 'tag:yaml.org,2002:yaml',
} as const;
