// YAML as PyYAML's safe_load reads it: YAML 1.1, but booleans only yes/no/true/false/on/off (not y/n).
import { parse } from 'yaml';
import type { ScalarTag } from 'yaml';

const TRUE = /^(?:[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/;
const pyYamlBool: ScalarTag = {
  identify: (v) => typeof v === 'boolean',
  default: true,
  tag: 'tag:yaml.org,2002:bool',
  test: /^(?:[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
  resolve: (s) => TRUE.test(s),
};

/** `yaml.safe_load(text)`. */
export function pyYamlLoad(text: string): unknown {
  return parse(text, {
    schema: 'yaml-1.1',
    customTags: (tags) => [
      ...tags.filter((t) => typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:bool'),
      pyYamlBool,
    ],
  }) as unknown;
}
