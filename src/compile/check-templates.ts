// Action parameter templates: syntax errors and unknown names, placed inside the YAML scalar.
import type { Diagnostic } from '../diagnostics/index.ts';
import { compileTemplate } from '../template/index.ts';
import { locate } from '../schema/index.ts';
import type { ActionModel, RuleModel, SourceMap } from '../model/index.ts';
import { pointerSegment } from '../pack/index.ts';
import { isTemplated } from './check-rules.ts';

const CONTEXT_NAMES = ['trigger', 'action_context', 'config_context', 'st2kv'];

/** Every templated string among the rule's action parameters (nested lists and dicts included). */
export function checkParameterTemplates(
  rule: RuleModel,
  action: ActionModel | undefined,
  runnerParameters: readonly string[],
): Diagnostic[] {
  const names = [
    ...new Set([
      ...CONTEXT_NAMES,
      ...Object.keys(rule.action.parameters),
      ...Object.keys(action?.parameters ?? {}),
      ...runnerParameters,
    ]),
  ];
  const out: Diagnostic[] = [];
  const visit = (v: unknown, pointer: string): void => {
    if (typeof v === 'string') {
      if (!isTemplated(v)) return;
      const compiled = compileTemplate(v, { names });
      for (const d of compiled.diagnostics) {
        const span = rule.source.scalarOffset(pointer, d.start ?? 0, d.end) ?? locate(rule.source, pointer);
        out.push({
          code: d.code,
          severity: d.severity ?? 'error',
          message: d.message,
          ...(d.hint ? { hint: d.hint } : {}),
          pointer,
          ...span,
        });
      }
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => visit(x, `${pointer}/${i}`));
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) visit(x, `${pointer}/${pointerSegment(k)}`);
    }
  };
  visit(rule.action.parameters, '/action/parameters');
  return out;
}

/** Names a pack config value may read: StackStorm renders them with the datastore only. */
const CONFIG_NAMES = ['st2kv', 'system'];

/** Every templated string of a pack config (`{{ st2kv.system.x }}`) must compile; placed inside the YAML scalar. */
export function checkConfigTemplates(config: Record<string, unknown>, source: SourceMap): Diagnostic[] {
  const out: Diagnostic[] = [];
  const visit = (v: unknown, pointer: string): void => {
    if (typeof v === 'string') {
      if (!isTemplated(v)) return;
      for (const d of compileTemplate(v, { names: CONFIG_NAMES }).diagnostics) {
        const span = source.scalarOffset(pointer, d.start ?? 0, d.end) ?? locate(source, pointer);
        out.push({
          code: d.code,
          severity: d.severity ?? 'error',
          message: `config value: ${d.message}`,
          ...(d.hint ? { hint: d.hint } : {}),
          pointer,
          ...span,
        });
      }
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => visit(x, `${pointer}/${i}`));
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) visit(x, `${pointer}/${pointerSegment(k)}`);
    }
  };
  visit(config, '');
  return out;
}
