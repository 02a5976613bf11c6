// Literal (`|`) and folded (`>`) block scalars, as libyaml 0.2.5 scans them (scanner.c), with chomping
// (`-`, `+`) and indentation (`1`-`9`) indicators in either order.
import { isBlank, isBreak, isBreakZ, isDigit } from './chars.ts';
import { YamlError } from './error.ts';
import type { Reader } from './reader.ts';
import type { Mark, Token } from './tokens.ts';

const CONTEXT = 'while scanning a block scalar';

function fail(r: Reader, start: Mark, problem: string): never {
  throw new YamlError('scanner', problem, r.mark(), CONTEXT, start);
}

function header(r: Reader, start: Mark): { chomping: number; increment: number } {
  let chomping = 0;
  let increment = 0;
  const readChomping = (): boolean => {
    const c = r.ch();
    if (c !== 0x2b && c !== 0x2d) return false;
    chomping = c === 0x2b ? 1 : -1;
    r.skip();
    return true;
  };
  const readIncrement = (): boolean => {
    if (!isDigit(r.ch())) return false;
    if (r.ch() === 0x30) fail(r, start, 'found an indentation indicator equal to 0');
    increment = r.ch() - 0x30;
    r.skip();
    return true;
  };
  if (readChomping()) readIncrement();
  else if (readIncrement()) readChomping();
  while (isBlank(r.ch())) r.skip();
  if (r.ch() === 0x23) while (!isBreakZ(r.ch())) r.skip();
  if (!isBreakZ(r.ch())) fail(r, start, 'did not find expected comment or line break');
  if (isBreak(r.ch())) r.skipLine();
  return { chomping, increment };
}

interface Breaks {
  indent: number;
  breaks: string;
  end: Mark;
}

/** Empty lines and the indentation before content; the first call finds the indentation when not given. */
function scanBreaks(r: Reader, state: Breaks, parentIndent: number, start: Mark): void {
  let maxIndent = 0;
  state.end = r.mark();
  for (;;) {
    while ((state.indent === 0 || r.column < state.indent) && r.ch() === 0x20) r.skip();
    if (r.column > maxIndent) maxIndent = r.column;
    if ((state.indent === 0 || r.column < state.indent) && r.ch() === 0x09) {
      fail(r, start, 'found a tab character where an indentation space is expected');
    }
    if (!isBreak(r.ch())) break;
    state.breaks += r.readLine();
    state.end = r.mark();
  }
  if (state.indent === 0) state.indent = Math.max(maxIndent, parentIndent + 1, 1);
}

export function scanBlockScalar(r: Reader, literal: boolean, parentIndent: number): Token {
  const start = r.mark();
  r.skip();
  const { chomping, increment } = header(r, start);
  const state: Breaks = { indent: 0, breaks: '', end: r.mark() };
  if (increment) state.indent = parentIndent >= 0 ? parentIndent + increment : increment;
  let value = '';
  let leadingBreak = '';
  let leadingBlank = false;
  scanBreaks(r, state, parentIndent, start);
  while (r.column === state.indent && r.ch() !== -1) {
    const trailingBlank = isBlank(r.ch());
    if (!literal && leadingBreak === '\n' && !leadingBlank && !trailingBlank) {
      if (state.breaks === '') value += ' ';
    } else {
      value += leadingBreak;
    }
    leadingBreak = '';
    value += state.breaks;
    state.breaks = '';
    leadingBlank = isBlank(r.ch());
    const from = r.pos;
    while (!isBreakZ(r.ch())) r.skip();
    value += r.text.slice(from, r.pos);
    if (isBreak(r.ch())) leadingBreak = r.readLine();
    scanBreaks(r, state, parentIndent, start);
  }
  if (chomping !== -1) value += leadingBreak;
  if (chomping === 1) value += state.breaks;
  return { type: 'SCALAR', start, end: state.end, value, style: literal ? 'literal' : 'folded' };
}
