// One diagnostic for a YAML file StackStorm's loader refuses, at the place a person fixes it. Indentation
// mistakes get their own code and say how the line is indented against its siblings, instead of the
// parser's view ("did not find expected key" on the token after the damage).
import type { Diagnostic } from '../diagnostics/index.ts';
import type { YamlError } from './pyyaml/index.ts';
import type { At } from './yaml-source-map.ts';

interface Line {
  /** 0-based line number. */
  n: number;
  start: number;
  text: string;
  /** Leading spaces. */
  indent: number;
}

function lineAt(text: string, n: number): Line {
  let start = 0;
  for (let i = 0; i < n; i++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) break;
    start = nl + 1;
  }
  const end = text.indexOf('\n', start);
  const line = text.slice(start, end < 0 ? text.length : end);
  return { n, start, text: line, indent: /^ */.exec(line)?.[0].length ?? 0 };
}

/** The first word of a line (a key up to its `:`, or `- item`), for messages. */
function lineHead(line: Line): string {
  const rest = line.text.slice(line.indent);
  const m = /^(-\s*)?[^:#\s]*(?:[^:#\n]*?(?=:(?:\s|$)))?/.exec(rest);
  const head = (m?.[0] ?? '').trim() || rest.trim();
  return head.length > 40 ? `${head.slice(0, 37)}...` : head;
}

/** The nearest line above with content (not blank, not a comment). */
function previousContent(text: string, n: number): Line | undefined {
  for (let i = n - 1; i >= 0; i--) {
    const l = lineAt(text, i);
    const t = l.text.trim();
    if (t !== '' && !t.startsWith('#')) return l;
  }
  return undefined;
}

/** The nearest list item above, indented deeper than `than`, before any line at `than` or less. */
function previousItem(text: string, n: number, than: number): Line | undefined {
  for (let l = previousContent(text, n); l; l = previousContent(text, l.n)) {
    if (l.indent <= than) return undefined;
    if (l.text.trimStart().startsWith('- ') || l.text.trim() === '-') return l;
  }
  return undefined;
}

function spaces(n: number): string {
  return `${n} space${n === 1 ? '' : 's'}`;
}

interface Explained {
  code: 'RULES_E_YAML_SYNTAX' | 'RULES_E_YAML_INDENTATION' | 'RULES_E_YAML_VALUE';
  message: string;
  hint?: string;
  /** Where to point: the offending line's content, or the error's own mark. */
  start: number;
  end: number;
}

function indentation(line: Line, siblings: number, extra?: string): Explained {
  const head = lineHead(line);
  const start = line.start + line.indent;
  return {
    code: 'RULES_E_YAML_INDENTATION',
    message: `"${head}" is indented ${spaces(line.indent)}, its siblings ${siblings}`,
    hint:
      `Align it with the entries it belongs with: ${spaces(siblings)}${extra ?? ''}; ` +
      "YAML nests by indentation, so StackStorm's loader refuses the whole file.",
    start,
    end: start + Math.max(1, head.length),
  };
}

/** Explains a scanner or parser refusal; undefined when the plain message is all there is to say. */
function explainStructure(e: YamlError, text: string): Explained | undefined {
  const line = lineAt(text, e.problemMark.line);
  const column = e.problemMark.column;
  const ch = text[e.problemMark.pos];
  if (e.problem.includes('tab character') || (ch === '\t' && /^[ \t]*$/.test(line.text.slice(0, column)))) {
    return {
      code: 'RULES_E_YAML_INDENTATION',
      message: 'a tab character is used for indentation',
      hint: 'YAML indents with spaces only: replace the tab with spaces.',
      start: e.problemMark.pos,
      end: e.problemMark.pos + 1,
    };
  }
  if (e.problem === 'mapping values are not allowed in this context') {
    const blockIndent = Math.max(e.state.indent ?? 0, 0);
    const colonOnKeyLine = /:\s/.test(line.text.slice(line.indent, column));
    if (line.indent > blockIndent && !colonOnKeyLine && previousContent(text, line.n)) {
      // The line continued the value above (a plain scalar goes on over deeper-indented lines) until its `:`.
      return indentation(line, blockIndent);
    }
    return {
      code: 'RULES_E_YAML_SYNTAX',
      message: 'a plain value cannot contain ": " (a colon followed by a space)',
      hint: 'Quote the value: key: "text: more text".',
      start: e.problemMark.pos,
      end: e.problemMark.pos + 1,
    };
  }
  if (e.kind === 'parser' && e.contextMark && /^expected (a key|'-'), found/.test(e.problem)) {
    const siblings = e.contextMark.column;
    if (e.state.found === 'BLOCK-ENTRY' && column === siblings) {
      const above = previousContent(text, line.n);
      if (above && above.indent > column && above.text.trimStart().startsWith('-'))
        return indentation(line, above.indent);
      return undefined;
    }
    if ((e.state.found === 'BLOCK-MAPPING-START' || e.state.found === 'BLOCK-SEQUENCE-START') && column !== siblings) {
      const above = previousContent(text, line.n);
      // A misplaced list item: its siblings are the items of the list above it.
      const item = e.state.found === 'BLOCK-SEQUENCE-START' ? previousItem(text, line.n, siblings) : undefined;
      if (item) return indentation(line, item.indent);
      const alt =
        above && above.indent > line.indent && above.indent !== siblings
          ? ` (or ${above.indent}, like the line above)`
          : '';
      return indentation(lineAt(text, e.problemMark.line), siblings, alt);
    }
  }
  if (e.problem === "could not find expected ':'" && e.contextMark) {
    const keyLine = lineAt(text, e.contextMark.line);
    const head = lineHead(keyLine);
    return {
      code: 'RULES_E_YAML_SYNTAX',
      message: `"${head}" has no ":" (a mapping entry is "key: value")`,
      hint:
        "If it continues the value above, indent it more than that value's key; " +
        'a key must end with ":" on its own line.',
      start: e.contextMark.pos,
      end: e.contextMark.pos + Math.max(1, head.length),
    };
  }
  return undefined;
}

function where(m: { line: number; column: number }): string {
  return `line ${m.line + 1}, column ${m.column + 1}`;
}

/** libyaml's context ("while parsing a flow sequence") with the place it started. */
function contextOf(e: YamlError): string {
  if (!e.context || !e.contextMark) return '';
  const what = e.context.replace(/^while (?:parsing|scanning) (?:for )?/, '');
  return ` (in ${what} that starts at ${where(e.contextMark)})`;
}

const FAILS = 'StackStorm fails to load the whole file.';

function explainValue(e: YamlError): Explained {
  const end = e.state.end && e.state.end.pos > e.problemMark.pos ? e.state.end.pos : e.problemMark.pos + 1;
  const base = { code: 'RULES_E_YAML_VALUE' as const, start: e.problemMark.pos, end };
  if (e.kind === 'limit') {
    return {
      ...base,
      message: e.problem,
      hint: 'This runtime refuses such documents to stay safe; StackStorm would try to load them.',
    };
  }
  let hint = FAILS;
  if (/timestamp|month|day|hour|minute|second|year|offset/.test(e.problem)) {
    hint = `Unquoted, it reads as a YAML 1.1 date or time; quote it to keep a string. ${FAILS}`;
  } else if (e.problem.includes('could not determine a constructor')) {
    const tags = 'SafeLoader builds only the standard tags (!!str, !!int, !!map, ...)';
    hint = `${tags}; an unquoted \`=\` or \`<<\` value needs quotes. ${FAILS}`;
  }
  return { ...base, message: `${e.problem}${contextOf(e)}`, hint };
}

/** The diagnostic for a refused YAML text. */
export function yamlErrorDiagnostic(e: YamlError, text: string, file: string, at: At): Diagnostic {
  let x: Explained | undefined;
  if (e.kind === 'constructor' || e.kind === 'limit') x = explainValue(e);
  else x = explainStructure(e, text);
  if (!x) {
    const context = contextOf(e);
    const hint = e.kind === 'reader' ? "StackStorm's loader (libyaml) refuses the whole file." : undefined;
    const end = e.state.end && e.state.end.pos > e.problemMark.pos ? e.state.end.pos : e.problemMark.pos + 1;
    x = {
      code: 'RULES_E_YAML_SYNTAX',
      message: `${e.problem}${context}`,
      ...(hint ? { hint } : {}),
      start: e.problemMark.pos,
      end,
    };
  }
  // A one-character mark on a line break or at the end of the text points at the place, not past it.
  const end = x.end === x.start + 1 && (x.start >= text.length || text[x.start] === '\n') ? x.start : x.end;
  const span = at(x.start, Math.min(end, text.length));
  return { code: x.code, severity: 'error', message: x.message, ...(x.hint ? { hint: x.hint } : {}), ...span, file };
}
