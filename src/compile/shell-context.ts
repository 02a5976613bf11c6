// Where in a bash command line a template output lands: plain words, quotes, command substitutions, or the
// argument of a command that parses its arguments as shell code again (`eval`, `bash -c`, `ssh`). `shell_quote`
// makes a value one plain word; it protects only in the plain context (RULES_W_ACTION_CMD_UNQUOTED).

/** The innermost quoting around a position, or `reparsed` when a command re-reads its arguments as code. */
export type ShellContext =
  'plain' | 'single-quoted' | 'double-quoted' | 'backticks' | 'command-substitution' | 'reparsed';

export interface ShellPlace {
  context: ShellContext;
  /** For `reparsed`: the command that parses the text again (`eval`, `bash -c`, `ssh`). */
  command?: string;
}

/** Shells whose `-c` argument is a script. */
const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh', 'ash', 'fish', 'su', 'busybox']);
/** Commands that join their arguments and run them as shell code. */
const REPARSERS = new Set(['eval', 'ssh', 'source', '.']);
/** Prefixes that run the command after them: `sudo eval ...` is eval. */
const PREFIXES = new Set(['sudo', 'env', 'nohup', 'exec', 'time', 'command', 'nice', 'timeout', 'xargs', 'builtin']);
const OPERATORS = new Set([';', '&', '|', '\n', '(', ')', '{', '}']);

interface Frame {
  kind: 'plain' | 'single-quoted' | 'double-quoted' | 'backticks' | 'command-substitution';
  /** Words of the current simple command (plain-like frames only). */
  words: string[];
  word: string;
  /** `(` inside a command substitution, so its `)` does not close it. */
  parens: number;
}

const frame = (kind: Frame['kind']): Frame => ({ kind, words: [], word: '', parens: 0 });

/** The command of a frame's current simple command that re-reads its arguments as code, if any. */
function reparser(words: readonly string[]): string | undefined {
  let i = 0;
  while (i < words.length) {
    const w = basename(words[i] ?? '');
    // `sudo -u x`, `env A=b`, `timeout 5`: skip the prefix and its options and assignments.
    if (PREFIXES.has(w) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i] ?? '')) {
      i++;
      while (i < words.length && (/^-/.test(words[i] ?? '') || /^\d/.test(words[i] ?? '') || /=/.test(words[i] ?? '')))
        i++;
      continue;
    }
    if (REPARSERS.has(w)) return w;
    if (SHELLS.has(w) && words.slice(i + 1).some((a) => /^-[A-Za-z]*c[A-Za-z]*$/.test(a))) return `${w} -c`;
    return undefined;
  }
  return undefined;
}

const basename = (word: string): string => word.slice(word.lastIndexOf('/') + 1).replace(/^['"]|['"]$/g, '');

/**
 * The place of each offset in `text` (a command line with every template output replaced by word characters).
 * @example shellPlaces('echo "x"', [6]) // [{ context: 'double-quoted' }]
 */
export function shellPlaces(text: string, offsets: readonly number[]): ShellPlace[] {
  const wanted = [...offsets].map((offset, index) => ({ offset, index })).sort((a, b) => a.offset - b.offset);
  const out: ShellPlace[] = new Array<ShellPlace>(offsets.length);
  const stack: Frame[] = [frame('plain')];
  let next = 0;
  for (let i = 0; i <= text.length && next < wanted.length; i++) {
    while (next < wanted.length && (wanted[next]?.offset ?? 0) === i) {
      out[wanted[next]?.index ?? 0] = placeOf(stack);
      next++;
    }
    if (i === text.length) break;
    i = step(stack, text, i);
  }
  for (; next < wanted.length; next++) out[wanted[next]?.index ?? 0] = placeOf(stack);
  return out;
}

function placeOf(stack: readonly Frame[]): ShellPlace {
  for (const f of stack) {
    const command = f.kind === 'single-quoted' || f.kind === 'double-quoted' ? undefined : reparser(f.words);
    if (command !== undefined) return { context: 'reparsed', command };
  }
  return { context: stack[stack.length - 1]?.kind ?? 'plain' };
}

const endWord = (f: Frame): void => {
  if (f.word !== '') f.words.push(f.word);
  f.word = '';
};

/** Consumes the character at `i` (and what it escapes); returns the index of the last character consumed. */
function step(stack: Frame[], text: string, i: number): number {
  const top = stack[stack.length - 1] as Frame;
  const c = text[i] as string;
  if (top.kind === 'single-quoted') {
    if (c === "'") stack.pop();
    else (stack[stack.length - 2] as Frame).word += c;
    return i;
  }
  if (top.kind === 'double-quoted') {
    if (c === '\\') return i + 1;
    if (c === '"') stack.pop();
    else if (c === '`') stack.push(frame('backticks'));
    else if (c === '$' && text[i + 1] === '(') {
      stack.push(frame('command-substitution'));
      return i + 1;
    } else (stack[stack.length - 2] as Frame).word += c;
    return i;
  }
  // plain, backticks, command substitution: words and operators.
  if (c === '\\') {
    top.word += text[i + 1] ?? '';
    return i + 1;
  }
  if (c === "'") stack.push(frame('single-quoted'));
  else if (c === '"') stack.push(frame('double-quoted'));
  else if (c === '`' && top.kind === 'backticks') stack.pop();
  else if (c === '`') stack.push(frame('backticks'));
  else if (c === '$' && text[i + 1] === '(') {
    endWord(top);
    stack.push(frame('command-substitution'));
    return i + 1;
  } else if (c === ')' && top.kind === 'command-substitution' && top.parens === 0) stack.pop();
  else if (c === ' ' || c === '\t') endWord(top);
  else if (OPERATORS.has(c)) {
    if (c === '(' && top.kind === 'command-substitution') top.parens++;
    if (c === ')' && top.kind === 'command-substitution') top.parens--;
    top.word = '';
    top.words = [];
  } else top.word += c;
  return i;
}
