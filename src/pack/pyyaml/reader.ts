// The character stream under libyaml's scanner: a cursor over the text with libyaml's marks (reader.c
// and the SKIP/READ macros of yaml_private.h). Columns and the index count code points, as libyaml does.
import { EOF, isBreak, isPrintable } from './chars.ts';
import { YamlError } from './error.ts';
import type { Mark } from './tokens.ts';

export class Reader {
  pos = 0;
  line = 0;
  column = 0;
  index = 0;

  constructor(readonly text: string) {
    // libyaml's reader drops a byte order mark at the very start before the scanner sees any column.
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  /** The code unit `k` units ahead (callers only look past ASCII characters), or EOF. */
  ch(k = 0): number {
    const p = this.pos + k;
    return p < this.text.length ? this.text.charCodeAt(p) : EOF;
  }

  mark(): Mark {
    return { pos: this.pos, line: this.line, column: this.column, index: this.index };
  }

  /** Skips one code point (a surrogate pair is one character for libyaml). */
  skip(): void {
    const c = this.text.charCodeAt(this.pos);
    const pair = c >= 0xd800 && c <= 0xdbff && this.pos + 1 < this.text.length;
    this.pos += pair ? 2 : 1;
    this.column++;
    this.index++;
  }

  /** Skips one line break (CR LF counts as one). */
  skipLine(): void {
    const c = this.ch();
    if (c === 0x0d && this.ch(1) === 0x0a) {
      this.pos += 2;
      this.index += 2;
    } else if (isBreak(c)) {
      this.pos++;
      this.index++;
    } else {
      return;
    }
    this.column = 0;
    this.line++;
  }

  /** Reads one line break as libyaml copies it: CR LF, CR, LF and NEL become LF; LS and PS stay. */
  readLine(): string {
    const c = this.ch();
    const out = c === 0x2028 || c === 0x2029 ? String.fromCharCode(c) : '\n';
    this.skipLine();
    return out;
  }

  /** The character at the cursor as a string (a surrogate pair whole). */
  char(): string {
    const c = this.text.charCodeAt(this.pos);
    const pair = c >= 0xd800 && c <= 0xdbff && this.pos + 1 < this.text.length;
    return this.text.slice(this.pos, this.pos + (pair ? 2 : 1));
  }
}

/** libyaml's reader refuses control characters anywhere in the input ("control characters are not allowed"). */
export function checkPrintable(text: string): void {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e) continue;
    const cp = text.codePointAt(i) ?? c;
    if (cp > 0xffff) {
      i++;
      continue;
    }
    if (isPrintable(cp)) continue;
    const before = text.slice(0, i);
    const line = before.split('\n').length - 1;
    const column = i - (before.lastIndexOf('\n') + 1);
    const hex = cp.toString(16).toUpperCase().padStart(4, '0');
    throw new YamlError('reader', `control character U+${hex} is not allowed in YAML`, {
      pos: i,
      line,
      column,
      index: i,
    });
  }
}
