// RULES_W_ACTION_CMD_UNQUOTED: a command line run by a shell (`cmd` of local-shell-cmd) must not receive trigger
// data that can carry shell syntax. The data is followed from where it enters (a rule parameter's template reading
// `trigger`) through the action's parameters (templated defaults such as `cmd: echo {{ message }}`, nested
// references) into the command, and each output in the command is placed in its shell context: `shell_quote`
// keeps a value one word only in plain context, not inside "...", '...', backticks or $(...), nor in what
// `eval`, `bash -c` or `ssh` parse again.
import type { Diagnostic } from '../diagnostics/index.ts';
import { codeDefinition } from '../diagnostics/index.ts';
import type { ActionModel, ParameterSpec, RuleModel } from '../model/index.ts';
import { normaliseSource, parseTemplate } from '../template/index.ts';
import type { Stmt } from '../template/index.ts';
import { shellPlaces } from './shell-context.ts';
import type { ShellPlace } from './shell-context.ts';
import { HERE, merge, taintedOutputs } from './shell-taint.ts';
import type { Origin, Taint, TaintedOutput } from './shell-taint.ts';

/** Parameters each runner hands to a shell as one command line. */
export const SHELL_COMMAND_PARAMETERS: Readonly<Record<string, readonly string[]>> = {
  'local-shell-cmd': ['cmd'],
  'remote-shell-cmd': ['cmd'],
};

/** Types cast to a number or a boolean before the runner sees them: no shell syntax survives. */
const SCALAR_TYPES = new Set(['integer', 'number', 'boolean', 'null']);

interface Value {
  value: unknown;
  /** Given by the rule (pointer into the rule file), else an action or runner default. */
  pointer: string | undefined;
  /** Immutable defaults are rendered last, without `trigger` in scope (StackStorm's render_final_params). */
  seesTrigger: boolean;
}

const isTemplate = (v: unknown): v is string => typeof v === 'string' && (v.includes('{{') || v.includes('{%'));
const escapePointer = (key: string): string => key.replaceAll('~', '~0').replaceAll('/', '~1');

/** What each parameter is rendered from, as params.ts and finalize.ts render them. */
function effectiveValues(rule: RuleModel, schema: Readonly<Record<string, ParameterSpec>>): Map<string, Value> {
  const values = new Map<string, Value>();
  for (const [name, value] of Object.entries(rule.action.parameters))
    values.set(name, { value, pointer: `/action/parameters/${escapePointer(name)}`, seesTrigger: true });
  for (const [name, spec] of Object.entries(schema)) {
    if (spec.immutable === true && Object.hasOwn(spec, 'default'))
      values.set(name, { value: spec.default, pointer: undefined, seesTrigger: false });
    else if (!values.has(name) && isTemplate(spec.default))
      values.set(name, { value: spec.default, pointer: undefined, seesTrigger: true });
  }
  return values;
}

/** Template strings of a value with their pointers (leaves of lists and dicts too). */
function templates(value: unknown, pointer: string | undefined): Array<{ text: string; pointer: string | undefined }> {
  if (isTemplate(value)) return [{ text: value, pointer }];
  const at = (key: string | number): string | undefined =>
    pointer === undefined ? undefined : `${pointer}/${escapePointer(String(key))}`;
  if (Array.isArray(value)) return value.flatMap((v, i) => templates(v, at(i)));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => templates(v, at(k)));
  return [];
}

interface Parsed {
  body: Stmt[];
  text: string;
  toSource: (offset: number) => number;
}

function parse(source: string): Parsed | undefined {
  const parsed = parseTemplate(source);
  // Syntax errors are the template stage's to report.
  if (!parsed.body) return undefined;
  return { body: parsed.body, text: normaliseSource(source).text, toSource: parsed.toSource ?? ((o) => o) };
}

/** Taints of every parameter, following references between them (a cycle is a render error: untainted). */
function parameterTaints(
  values: ReadonlyMap<string, Value>,
  schema: Readonly<Record<string, ParameterSpec>>,
): (name: string) => Taint | undefined {
  const memo = new Map<string, Taint | undefined>();
  const visiting = new Set<string>();
  const resolve = (name: string): Taint | undefined => {
    if (memo.has(name)) return memo.get(name);
    const value = values.get(name);
    if (!value || visiting.has(name)) return undefined;
    if (SCALAR_TYPES.has(schema[name]?.type ?? '')) return undefined;
    visiting.add(name);
    let taint: Taint | undefined;
    for (const t of templates(value.value, value.pointer)) {
      const parsed = parse(t.text);
      if (!parsed) continue;
      for (const out of outputsOf(parsed, name, value, resolve)) {
        const origins = out.taint.origins.map((o) =>
          o === HERE ? concrete(name, t.pointer, parsed, out) : { ...o, path: [...o.path, name] },
        );
        taint = merge(taint, { level: out.taint.level, origins });
      }
    }
    visiting.delete(name);
    memo.set(name, taint);
    return taint;
  };
  return resolve;
}

function outputsOf(
  parsed: Parsed,
  self: string,
  value: Value,
  resolve: (name: string) => Taint | undefined,
): TaintedOutput[] {
  const trigger: Taint | undefined = value.seesTrigger ? { level: 'raw', origins: [HERE] } : undefined;
  return taintedOutputs(parsed.body, {
    get: (name) => (name === 'trigger' ? trigger : name === self ? undefined : resolve(name)),
  });
}

function concrete(param: string, pointer: string | undefined, parsed: Parsed, out: TaintedOutput): Origin {
  return {
    param,
    pointer,
    start: parsed.toSource(out.start),
    end: parsed.toSource(out.end),
    text: parsed.text.slice(out.start, out.end),
    path: [],
  };
}

/** The command line with template tags blanked and outputs as word characters, for shellPlaces. */
function shellText(parsed: Parsed): string {
  const chars = Array.from({ length: parsed.text.length }, () => ' ');
  const visit = (stmts: readonly Stmt[]): void => {
    for (const s of stmts) {
      if (s.type === 'text') for (let i = s.start; i < s.end; i++) chars[i] = parsed.text[i] ?? ' ';
      else if (s.type === 'output') for (let i = s.start; i < s.end; i++) chars[i] = 'x';
      else if (s.type === 'if') {
        for (const b of s.branches) visit(b.body);
        if (s.else) visit(s.else);
      } else if (s.type === 'for') {
        visit(s.body);
        if (s.else) visit(s.else);
      }
    }
  };
  visit(parsed.body);
  return chars.join('');
}

const CONTEXT_TEXT: Record<ShellPlace['context'], string> = {
  plain: '',
  'single-quoted': "inside '...'",
  'double-quoted': 'inside "..."',
  backticks: 'inside backticks',
  'command-substitution': 'inside $(...)',
  reparsed: '',
};

const placeText = (place: ShellPlace): string =>
  place.context === 'reparsed'
    ? `in what \`${place.command ?? 'eval'}\` runs as shell code`
    : CONTEXT_TEXT[place.context];

interface Finding {
  origin: Origin;
  shellParam: string;
  output: string;
  level: Taint['level'];
  place: ShellPlace;
}

/**
 * Warns when trigger data can reach a shell command line of `action` with its shell syntax intact.
 * Example: rule `message: "{{ trigger.body.name }}"` to an action whose `cmd` default is `echo {{ message }}`.
 */
export function checkShellQuoting(
  rule: RuleModel,
  action: ActionModel,
  runnerParameters: Readonly<Record<string, ParameterSpec>> = {},
): Diagnostic[] {
  const shellParams = SHELL_COMMAND_PARAMETERS[action.runnerType];
  if (!shellParams) return [];
  const schema = { ...runnerParameters, ...action.parameters };
  const values = effectiveValues(rule, schema);
  const resolve = parameterTaints(values, schema);
  const findings: Finding[] = [];
  for (const shellParam of shellParams) {
    const value = values.get(shellParam);
    if (!value || !isTemplate(value.value)) continue;
    const parsed = parse(value.value);
    if (!parsed) continue;
    const outputs = outputsOf(parsed, shellParam, value, resolve);
    const places = shellPlaces(
      shellText(parsed),
      outputs.map((o) => o.start),
    );
    outputs.forEach((out, i) => {
      const place = places[i] ?? { context: 'plain' };
      if (out.taint.level === 'quoted' && place.context === 'plain') return;
      const output = parsed.text.slice(out.start, out.end);
      for (const o of out.taint.origins) {
        const origin = o === HERE ? concrete(shellParam, value.pointer, parsed, out) : o;
        findings.push({ origin, shellParam, output, level: out.taint.level, place });
      }
    });
  }
  const seen = new Set<string>();
  return findings.flatMap((f) => {
    const key = JSON.stringify([f.origin.pointer, f.origin.param, f.origin.start, f.origin.end, f.shellParam]);
    if (seen.has(key)) return [];
    seen.add(key);
    return [diagnostic(rule, action, f)];
  });
}

function message(action: ActionModel, f: Finding): string {
  const where = placeText(f.place);
  const head = `\`${f.shellParam}\` of ${action.ref} is run by bash`;
  const how =
    f.level === 'raw' ? `unquoted${where === '' ? '' : ` (${where})`}` : `${where}, where shell_quote does not protect`;
  if (f.origin.param === f.shellParam && f.origin.path.length === 0 && f.origin.pointer !== undefined)
    return `${head} and "${f.origin.text}" puts trigger data into it ${how}`;
  const from =
    f.origin.pointer !== undefined
      ? `rule parameter \`${f.origin.param}\` "${f.origin.text}"`
      : `the default of \`${f.origin.param}\` "${f.origin.text}"`;
  const steps = [from, ...f.origin.path.map((p) => `action parameter \`${p}\``), `\`${f.shellParam}\` "${f.output}"`];
  return `${head} and trigger data reaches it ${how}: ${steps.join(' → ')}`;
}

function hint(f: Finding): string {
  if (f.place.context === 'reparsed')
    return (
      `never pass trigger data to ${f.place.command ?? 'eval'}: it parses its arguments as shell code again, ` +
      'quoted or not; use a local-shell-script action'
    );
  if (f.level === 'raw' && f.place.context === 'plain')
    return (
      'add `| shell_quote` as the last filter, or use a local-shell-script action ' +
      '(parameters become separate arguments)'
    );
  return (
    'add `| shell_quote` as the last filter and move the output out of the quotes, backticks or $(...): ' +
    'shell_quote keeps a value one word only outside them; or use a local-shell-script action'
  );
}

function diagnostic(rule: RuleModel, action: ActionModel, f: Finding): Diagnostic {
  const definition = codeDefinition('RULES_W_ACTION_CMD_UNQUOTED');
  const pointer = f.origin.pointer ?? '/action/ref';
  const span =
    (f.origin.pointer !== undefined ? rule.source.scalarOffset(pointer, f.origin.start, f.origin.end) : undefined) ??
    rule.source.span(pointer);
  return {
    code: 'RULES_W_ACTION_CMD_UNQUOTED',
    severity: definition.severity,
    message: message(action, f),
    hint: hint(f),
    file: span?.file ?? rule.file,
    line: span?.line ?? 1,
    column: span?.column ?? 1,
    endLine: span?.endLine ?? 1,
    endColumn: span?.endColumn ?? 1,
    pointer,
  };
}
