// Rule criteria → IR, with compile-time diagnostics placed in the rule file. The IR is produced even
// when there are errors: each broken piece then behaves as StackStorm does at run time (criterion false).
import type { Diagnostic, LocalDiagnostic, Result } from '../diagnostics/index.ts';
import { codeDefinition } from '../diagnostics/index.ts';
import { isDict } from '../python/index.ts';
import type { CriterionModel, RuleModel, SourceMap, Span } from '../model/index.ts';
import { compileCriteriaPattern } from '../template/index.ts';
import type { CompiledCriteria, CriterionIR, PatternIR } from './ir.ts';
import { parseKeyPath, stripKeySuffix } from './key-path.ts';
import { isSearchCondition, lookupOperator, suggestOperator } from './operators/index.ts';
import { compilePythonRegex } from './regex.ts';

const TEMPLATE_MARK = /\{\{|\{%|\{#/;
const REGEX_FLAGS: Readonly<Record<string, { ignoreCase?: boolean; dotAll?: boolean }>> = {
  regex: {},
  iregex: { ignoreCase: true },
  matchregex: { dotAll: true },
};

interface Sink {
  source: SourceMap;
  file: string;
  out: Diagnostic[];
}

function place(
  sink: Sink,
  span: Span | undefined,
  d: Omit<Diagnostic, 'file' | 'line' | 'column' | 'endLine' | 'endColumn' | 'severity'> & {
    severity?: Diagnostic['severity'];
  },
): void {
  const s = span ?? { file: sink.file, line: 1, column: 1, endLine: 1, endColumn: 1 };
  const severity = d.severity ?? codeDefinition(d.code).severity;
  sink.out.push({
    ...d,
    severity,
    file: s.file,
    line: s.line,
    column: s.column,
    endLine: s.endLine,
    endColumn: s.endColumn,
  });
}

function local(sink: Sink, pointer: string, d: LocalDiagnostic): void {
  const span = d.start !== undefined ? sink.source.scalarOffset(pointer, d.start, d.end) : sink.source.span(pointer);
  place(sink, span ?? sink.source.span(pointer), {
    code: d.code,
    message: d.message,
    hint: d.hint,
    pointer,
    severity: d.severity,
  });
}

function locationOf(sink: Sink, pointer: string): string {
  const s = sink.source.keySpan(pointer) ?? sink.source.span(pointer);
  return s ? `${s.file}:${s.line}` : sink.file;
}

function compilePattern(sink: Sink, raw: unknown, pointer: string, names: readonly string[]): PatternIR {
  if (typeof raw !== 'string') return { kind: 'constant', value: raw };
  const compiled = compileCriteriaPattern(raw, names);
  const fn = compiled.value;
  for (const d of compiled.diagnostics) local(sink, `${pointer}/pattern`, d);
  if (!fn) {
    const first = compiled.diagnostics[0];
    return { kind: 'broken', pyClass: 'TemplateSyntaxError', message: first?.message ?? 'template syntax error' };
  }
  // A pattern without `{{`, `{%` or `{#` renders the same for every event: render it once now.
  if (!TEMPLATE_MARK.test(raw)) return { kind: 'constant', value: fn({}) };
  return { kind: 'template', render: fn };
}

function compileCriterion(sink: Sink, c: CriterionModel, root: 'trigger' | 'item'): CriterionIR {
  const names = [root, 'st2kv', 'system'];
  const location = locationOf(sink, c.pointer);
  const parsed = parseKeyPath(c.key);
  if (!parsed.value)
    for (const d of parsed.diagnostics)
      place(sink, sink.source.keySpan(c.pointer), {
        code: d.code,
        message: d.message,
        hint: d.hint,
        pointer: c.pointer,
      });
  else {
    const first = stripKeySuffix(c.key).trim().split(/[.[]/)[0]?.trim();
    if (first !== root && first !== 'system' && first !== '$' && first !== '') {
      place(sink, sink.source.keySpan(c.pointer), {
        code: 'RULES_W_CRITERIA_KEY_ROOT',
        message: `Key "${c.key}" does not start with "${root}.", so it never resolves to a value`,
        hint: `Write "${root}.${stripKeySuffix(c.key)}".`,
        pointer: c.pointer,
      });
    }
  }
  const keyPath = parsed.value
    ? { kind: 'path' as const, path: parsed.value }
    : { kind: 'broken' as const, message: parsed.diagnostics[0]?.message ?? 'invalid key' };
  const op = c.type === undefined ? undefined : lookupOperator(String(c.type));
  if (c.type === undefined) {
    place(sink, sink.source.keySpan(c.pointer), {
      code: 'RULES_E_CRITERIA_NO_OPERATOR',
      message: `Operator not specified for field: ${c.key}`,
      pointer: c.pointer,
    });
  } else if (!op) {
    const suggestion = suggestOperator(String(c.type));
    place(sink, sink.source.span(`${c.pointer}/type`), {
      code: 'RULES_E_CRITERIA_UNKNOWN_OPERATOR',
      message: `For field: ${c.key}, operator ${String(c.type)} not in list of allowed operators`,
      hint: suggestion ? `Did you mean "${suggestion}"?` : undefined,
      pointer: `${c.pointer}/type`,
    });
  } else if (op.canonical === 'search' && c.type !== 'search') {
    place(sink, sink.source.span(`${c.pointer}/type`), {
      code: 'RULES_W_CRITERIA_SEARCH_SPELLING',
      message: `Operator "${c.type}" is search spelled differently: StackStorm then calls it as a plain operator, which always fails`,
      hint: 'Write type: search in lower case.',
      pointer: `${c.pointer}/type`,
    });
  }
  const isSearch = c.type === 'search';
  let children: CriterionIR[] | undefined;
  let pattern: PatternIR;
  if (isSearch) {
    pattern = { kind: 'constant', value: c.pattern };
    if (!isSearchCondition(c.condition)) {
      place(sink, sink.source.span(`${c.pointer}/condition`) ?? sink.source.keySpan(c.pointer), {
        code: 'RULES_E_CRITERIA_SEARCH_CONDITION',
        message: `search condition ${JSON.stringify(c.condition ?? null)} is not one of any, all, any2any, all2any`,
        pointer: `${c.pointer}/condition`,
      });
    }
    if (isDict(c.pattern)) {
      const pat = c.pattern;
      children = Object.keys(pat).map((key) => {
        const spec = pat[key];
        const childPointer = `${c.pointer}/pattern/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        const s = isDict(spec) ? spec : {};
        return compileCriterion(
          sink,
          {
            key,
            type: typeof s.type === 'string' ? s.type : undefined,
            pattern: s.pattern,
            condition: s.condition,
            pointer: childPointer,
          },
          'item',
        );
      });
    } else {
      place(sink, sink.source.span(`${c.pointer}/pattern`), {
        code: 'RULES_E_CRITERIA_SEARCH_PATTERN',
        message: 'The pattern of search must be a mapping of child criteria (keys starting with "item")',
        pointer: `${c.pointer}/pattern`,
      });
    }
  } else {
    pattern = compilePattern(sink, c.pattern, c.pointer, names);
    const flags = op ? REGEX_FLAGS[op.canonical] : undefined;
    if (flags && pattern.kind === 'constant' && typeof pattern.value === 'string') {
      const re = compilePythonRegex(pattern.value, flags);
      for (const d of re.diagnostics) local(sink, `${c.pointer}/pattern`, d);
    }
  }
  return {
    key: c.key,
    type: c.type,
    rawPattern: c.pattern,
    operator: op?.definition,
    isSearch,
    condition: c.condition,
    children,
    pattern,
    keyPath,
    location,
  };
}

/** Compiles a rule's criteria to IR; diagnostics are placed in the rule file through `rule.source`. */
export function compileRuleCriteria(rule: RuleModel): Result<CompiledCriteria, Diagnostic> {
  const known = compiledRules.get(rule);
  if (known && known.criteria === rule.criteria && known.source === rule.source && known.file === rule.file)
    return known.result;
  const sink: Sink = { source: rule.source, file: rule.file, out: [] };
  const criteria = rule.criteria.map((c) => compileCriterion(sink, c, 'trigger'));
  const result = { value: { rule, criteria }, diagnostics: sink.out };
  compiledRules.set(rule, { criteria: rule.criteria, source: rule.source, file: rule.file, result });
  return result;
}

/**
 * Results by rule model (the result is immutable data): a rule is compiled once for its checks and for
 * every matcher built over it, e.g. when hot reload rebuilds the matcher of a Trigger one of whose rules changed.
 */
const compiledRules = new WeakMap<
  RuleModel,
  {
    criteria: RuleModel['criteria'];
    source: RuleModel['source'];
    file: string;
    result: Result<CompiledCriteria, Diagnostic>;
  }
>();
