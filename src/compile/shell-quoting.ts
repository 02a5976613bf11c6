// The shell-quoting lint of a rule against its action: a `cmd` run by bash must not splice webhook data in
// unquoted (RULES_W_ACTION_CMD_UNQUOTED).
import type { ActionModel, RuleModel } from '../model/index.ts';
import type { Diagnostic } from '../diagnostics/index.ts';
import { codeDefinition } from '../diagnostics/index.ts';
import type { Expr, Stmt } from '../template/index.ts';
import { parseTemplate } from '../template/index.ts';

/** Filters whose output cannot carry shell syntax, when they are the outermost one. */
const SAFE_FILTERS = new Set(['shell_quote', 'int', 'float', 'length', 'count', 'abs', 'round']);

function children(e: Expr): Expr[] {
  switch (e.type) {
    case 'const':
    case 'name':
      return [];
    case 'getattr':
      return [e.obj];
    case 'getitem':
      return [e.obj, e.index];
    case 'slice':
      return [e.obj, e.lower, e.upper, e.step].filter((x): x is Expr => x !== undefined);
    case 'call':
      return [e.callee, ...e.args, ...e.kwargs.map((k) => k.value)];
    case 'filter':
    case 'test':
      return [e.node, ...e.args, ...e.kwargs.map((k) => k.value)];
    case 'binop':
    case 'and':
    case 'or':
      return [e.left, e.right];
    case 'unary':
    case 'not':
      return [e.operand];
    case 'compare':
      return [e.first, ...e.ops.map((o) => o.expr)];
    case 'cond':
      return [e.test, e.then, ...(e.else ? [e.else] : [])];
    case 'list':
    case 'tuple':
      return e.items;
    case 'dict':
      return e.pairs.flatMap((p) => [p.key, p.value]);
  }
}

function readsTainted(e: Expr, tainted: ReadonlySet<string>): boolean {
  if (e.type === 'name') return tainted.has(e.name);
  return children(e).some((c) => readsTainted(c, tainted));
}

/** Spans (offsets into the template) of outputs that put trigger data into the text unquoted. */
export function unquotedTriggerOutputs(body: readonly Stmt[]): Array<{ start: number; end: number }> {
  const found: Array<{ start: number; end: number }> = [];
  const walk = (stmts: readonly Stmt[], tainted: Set<string>): void => {
    for (const s of stmts) {
      switch (s.type) {
        case 'text':
          break;
        case 'output': {
          const safe = s.expr.type === 'filter' && SAFE_FILTERS.has(s.expr.name);
          if (!safe && readsTainted(s.expr, tainted)) found.push({ start: s.start, end: s.end });
          break;
        }
        case 'set':
          if (readsTainted(s.expr, tainted)) for (const t of s.targets) tainted.add(t);
          else for (const t of s.targets) tainted.delete(t);
          break;
        case 'if':
          for (const b of s.branches) walk(b.body, tainted);
          if (s.else) walk(s.else, tainted);
          break;
        case 'for': {
          // Loop variables over trigger data carry it; a fresh scope so they do not leak out.
          const inner = new Set(tainted);
          for (const t of s.targets) {
            if (readsTainted(s.iter, tainted)) inner.add(t);
            else inner.delete(t);
          }
          walk(s.body, inner);
          if (s.else) walk(s.else, tainted);
          break;
        }
      }
    }
  };
  walk(body, new Set(['trigger']));
  return found;
}

/**
 * Warns when `rule` passes a bash `cmd` (an action of the `local-shell-cmd` runner, e.g. `core.local`) whose
 * template outputs trigger data without `| shell_quote`. Example: `cmd: "echo {{ trigger.body.x }}"` → one warning.
 */
export function checkShellQuoting(rule: RuleModel, action: ActionModel): Diagnostic[] {
  if (action.runnerType !== 'local-shell-cmd') return [];
  const cmd = rule.action.parameters['cmd'];
  if (typeof cmd !== 'string' || (!cmd.includes('{{') && !cmd.includes('{%'))) return [];
  const parsed = parseTemplate(cmd);
  // Syntax errors are the template stage's to report.
  if (!parsed.body) return [];
  const pointer = '/action/parameters/cmd';
  const definition = codeDefinition('RULES_W_ACTION_CMD_UNQUOTED');
  return unquotedTriggerOutputs(parsed.body).map(({ start, end }) => {
    const span = rule.source.scalarOffset(pointer, start, end) ?? rule.source.span(pointer);
    return {
      code: 'RULES_W_ACTION_CMD_UNQUOTED',
      severity: definition.severity,
      message: `\`cmd\` of ${action.ref} is run by bash and "${cmd.slice(start, end)}" puts trigger data into it unquoted`,
      hint: 'add `| shell_quote` as the last filter, or use a local-shell-script action (parameters become separate arguments)',
      file: span?.file ?? rule.file,
      line: span?.line ?? 1,
      column: span?.column ?? 1,
      endLine: span?.endLine ?? 1,
      endColumn: span?.endColumn ?? 1,
      pointer,
    };
  });
}
