// Hand-built models for enforcement tests: what the pack compiler and rule-set builder would produce.
import type { ActionModel, ParameterSpec, RuleModel, SourceMap, Span } from '../../src/model/index.ts';

const span: Span = { file: 'rules/r.yaml', line: 3, column: 5, endLine: 3, endColumn: 20 };
export const sourceMap: SourceMap = {
  file: 'rules/r.yaml',
  span: () => span,
  keySpan: () => span,
  scalarOffset: () => span,
};

export function rule(
  name: string,
  actionRef: string,
  parameters: Record<string, unknown>,
  extra: Partial<RuleModel> = {},
): RuleModel {
  return {
    ref: `test.${name}`,
    pack: 'test',
    name,
    uid: `rule:test:${name}`,
    enabled: true,
    trigger: { type: 'core.st2.webhook', parameters: { url: 'sample' } },
    criteria: [],
    action: { ref: actionRef, parameters },
    kind: 'standard',
    metadataFile: `rules/${name}.yaml`,
    file: `/packs/test/rules/${name}.yaml`,
    source: sourceMap,
    hash: name,
    ...extra,
  };
}

export function action(
  ref: string,
  runnerType: string,
  parameters: Record<string, ParameterSpec> = {},
  extra: Partial<ActionModel> = {},
): ActionModel {
  const [pack = '', name = ''] = ref.split('.');
  return {
    ref,
    pack,
    name,
    uid: `action:${pack}:${name}`,
    enabled: true,
    runnerType,
    entryPoint: '',
    parameters,
    packDir: '',
    file: '',
    hash: '',
    ...extra,
  };
}
