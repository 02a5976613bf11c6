// Criteria checks that the criteria stage leaves to the pack compiler: StackStorm's creation-time
// validation (spec §3.2) of `pattern`, and --strict-st2 differences.
import type { Diagnostic } from '../diagnostics/index.ts';
import { lookupOperator, operatorNames } from '../criteria/index.ts';
import { locate } from '../schema/index.ts';
import type { RuleModel } from '../model/index.ts';

const NO_PATTERN_NEEDED = new Set(['exists', 'nexists', 'search']);

/** `pattern` present for every operator (strict: for exists/nexists too); operator names spelled as StackStorm validates them. */
export function checkCriteriaSt2(rule: RuleModel, strictSt2: boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const c of rule.criteria) {
    if (c.type === undefined) continue;
    const op = lookupOperator(c.type);
    if (!op) continue; // the criteria stage reports unknown operators
    if (c.pattern === null || c.pattern === undefined) {
      if (!NO_PATTERN_NEEDED.has(op.canonical)) {
        out.push({
          code: 'RULES_E_CRITERIA_PATTERN_MISSING',
          severity: 'error',
          message: `For field: ${c.key}, no pattern specified for operator ${c.type}`,
          hint: 'Add `pattern:`; without one the criterion never matches.',
          pointer: c.pointer,
          ...locate(rule.source, c.pointer, true),
        });
      } else if (strictSt2 && op.canonical !== 'search') {
        out.push({
          code: 'RULES_E_ST2_PATTERN_MISSING',
          severity: 'error',
          message: `For field: ${c.key}, no pattern specified for operator ${c.type}`,
          hint: 'StackStorm rejects exists/nexists without a pattern (st2 issue #6197): add `pattern: placeholder`.',
          pointer: c.pointer,
          ...locate(rule.source, c.pointer, true),
        });
      }
    }
    if (strictSt2 && !operatorNames.includes(c.type)) {
      out.push({
        code: 'RULES_E_ST2_OPERATOR_CASE',
        severity: 'error',
        message: `For field: ${c.key}, operator ${c.type} not in list of allowed operators`,
        hint: `StackStorm validates operator names in lower case: write "${c.type.toLowerCase()}".`,
        pointer: `${c.pointer}/type`,
        ...locate(rule.source, `${c.pointer}/type`),
      });
    }
  }
  return out;
}
