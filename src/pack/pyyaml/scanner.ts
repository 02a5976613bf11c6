// libyaml 0.2.5's scanner (src/scanner.c), the one StackStorm's PyYAML uses through CSafeLoader: the same
// tokens, the same simple-key and indentation rules, the same refusals. Only the structure is ours.
// Differences from PyYAML's pure-Python scanner that matter here: tabs are skipped where no simple key
// may start (`key:\tvalue` loads), a BOM is skipped at the start of any line, and tabs inside block
// scalars' indentation or a plain scalar's continuation indentation are refused.
import { EOF, isBlank, isBlankZ, isBreak, isBreakZ } from './chars.ts';
import { YamlError } from './error.ts';
import { Reader } from './reader.ts';
import { scanBlockScalar } from './scan-block.ts';
import { scanAnchor, scanDirective, scanTag } from './scan-meta.ts';
import { scanFlowScalar, scanPlainScalar } from './scan-scalars.ts';
import type { Mark, Token, TokenType } from './tokens.ts';

interface SimpleKey {
  possible: boolean;
  required: boolean;
  tokenNumber: number;
  mark: Mark;
}

const NO_KEY: Mark = { pos: 0, line: 0, column: 0, index: 0 };

/** Characters that cannot start a plain scalar (libyaml's fetch_next_token), as a lookup string. */
const INDICATORS = '-?:,[]{}#&*!|>\'"%@`';

export class Scanner {
  readonly r: Reader;
  private readonly queue: Token[] = [];
  private head = 0;
  private tokensParsed = 0;
  private tokenAvailable = false;
  private streamStartProduced = false;
  private indent = -1;
  private readonly indents: number[] = [];
  private flowLevel = 0;
  private simpleKeyAllowed = false;
  private readonly simpleKeys: SimpleKey[] = [];

  constructor(text: string) {
    this.r = new Reader(text);
  }

  /** The next token, without consuming it. */
  peek(): Token {
    if (!this.tokenAvailable) this.fetchMoreTokens();
    const t = this.queue[this.head];
    if (!t) throw new Error('pyyaml scanner: no token after the stream end');
    return t;
  }

  /** Consumes the next token. */
  next(): Token {
    const t = this.peek();
    this.head++;
    this.tokenAvailable = false;
    this.tokensParsed++;
    if (this.head > 256 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    return t;
  }

  private enqueue(type: TokenType, start: Mark, end: Mark): void {
    this.queue.push({ type, start, end });
  }

  private fetchMoreTokens(): void {
    for (;;) {
      let need = this.head === this.queue.length;
      if (!need) {
        this.staleSimpleKeys();
        need = this.simpleKeys.some((k) => k.possible && k.tokenNumber === this.tokensParsed);
      }
      if (!need) break;
      this.fetchNextToken();
    }
    this.tokenAvailable = true;
  }

  private fetchNextToken(): void {
    const r = this.r;
    if (!this.streamStartProduced) return this.fetchStreamStart();
    this.scanToNextToken();
    this.staleSimpleKeys();
    this.unrollIndent(r.column);
    const c = r.ch();
    if (c === EOF) return this.fetchStreamEnd();
    if (r.column === 0 && c === 0x25 /* % */) return this.fetchDirective();
    if (r.column === 0 && isBlankZ(r.ch(3))) {
      if (c === 0x2d && r.ch(1) === 0x2d && r.ch(2) === 0x2d) return this.fetchDocumentIndicator('DOCUMENT-START');
      if (c === 0x2e && r.ch(1) === 0x2e && r.ch(2) === 0x2e) return this.fetchDocumentIndicator('DOCUMENT-END');
    }
    switch (c) {
      case 0x5b:
        return this.fetchFlowCollectionStart('FLOW-SEQUENCE-START');
      case 0x7b:
        return this.fetchFlowCollectionStart('FLOW-MAPPING-START');
      case 0x5d:
        return this.fetchFlowCollectionEnd('FLOW-SEQUENCE-END');
      case 0x7d:
        return this.fetchFlowCollectionEnd('FLOW-MAPPING-END');
      case 0x2c:
        return this.fetchFlowEntry();
    }
    if (c === 0x2d && isBlankZ(r.ch(1))) return this.fetchBlockEntry();
    if (c === 0x3f && (this.flowLevel > 0 || isBlankZ(r.ch(1)))) return this.fetchKey();
    if (c === 0x3a && (this.flowLevel > 0 || isBlankZ(r.ch(1)))) return this.fetchValue();
    if (c === 0x2a || c === 0x26) return this.fetchAnchor(c === 0x2a ? 'ALIAS' : 'ANCHOR');
    if (c === 0x21) return this.fetchTag();
    if ((c === 0x7c || c === 0x3e) && this.flowLevel === 0) return this.fetchBlockScalar(c === 0x7c);
    if (c === 0x27 || c === 0x22) return this.fetchFlowScalar(c === 0x27);
    if (this.startsPlainScalar(c)) return this.fetchPlainScalar();
    throw new YamlError(
      'scanner',
      'found character that cannot start any token',
      r.mark(),
      'while scanning for the next token',
      r.mark(),
      { indent: this.indent },
    );
  }

  private startsPlainScalar(c: number): boolean {
    const r = this.r;
    if (!(isBlankZ(c) || INDICATORS.includes(String.fromCharCode(c)))) return true;
    if (c === 0x2d && !isBlank(r.ch(1))) return true;
    return this.flowLevel === 0 && (c === 0x3f || c === 0x3a) && !isBlankZ(r.ch(1));
  }

  private staleSimpleKeys(): void {
    const r = this.r;
    for (const key of this.simpleKeys) {
      if (key.possible && (key.mark.line < r.line || key.mark.index + 1024 < r.index)) {
        if (key.required) this.keyNotFound(key);
        key.possible = false;
      }
    }
  }

  private keyNotFound(key: SimpleKey): never {
    throw new YamlError(
      'scanner',
      "could not find expected ':'",
      this.r.mark(),
      'while scanning a simple key',
      key.mark,
    );
  }

  private saveSimpleKey(): void {
    const required = this.flowLevel === 0 && this.indent === this.r.column;
    if (!this.simpleKeyAllowed) return;
    const key: SimpleKey = {
      possible: true,
      required,
      tokenNumber: this.tokensParsed + (this.queue.length - this.head),
      mark: this.r.mark(),
    };
    this.removeSimpleKey();
    this.simpleKeys[this.simpleKeys.length - 1] = key;
  }

  private removeSimpleKey(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1];
    if (!key) return;
    if (key.possible && key.required) this.keyNotFound(key);
    key.possible = false;
  }

  private rollIndent(column: number, tokenNumber: number, type: TokenType, mark: Mark): void {
    if (this.flowLevel > 0 || this.indent >= column) return;
    this.indents.push(this.indent);
    this.indent = column;
    const token: Token = { type, start: mark, end: mark };
    if (tokenNumber === -1) this.queue.push(token);
    else this.queue.splice(this.head + (tokenNumber - this.tokensParsed), 0, token);
  }

  private unrollIndent(column: number): void {
    if (this.flowLevel > 0) return;
    while (this.indent > column) {
      const m = this.r.mark();
      this.enqueue('BLOCK-END', m, m);
      this.indent = this.indents.pop() ?? -1;
    }
  }

  private fetchStreamStart(): void {
    this.indent = -1;
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, mark: NO_KEY });
    this.simpleKeyAllowed = true;
    this.streamStartProduced = true;
    const m = this.r.mark();
    this.enqueue('STREAM-START', m, m);
  }

  private fetchStreamEnd(): void {
    const r = this.r;
    // libyaml forces a new line at the end of the stream.
    if (r.column !== 0) {
      r.column = 0;
      r.line++;
    }
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const m = r.mark();
    this.enqueue('STREAM-END', m, m);
  }

  private fetchDirective(): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.queue.push(scanDirective(this.r));
  }

  private fetchDocumentIndicator(type: TokenType): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const start = this.r.mark();
    this.r.skip();
    this.r.skip();
    this.r.skip();
    this.enqueue(type, start, this.r.mark());
  }

  private fetchSingle(type: TokenType): void {
    const start = this.r.mark();
    this.r.skip();
    this.enqueue(type, start, this.r.mark());
  }

  private fetchFlowCollectionStart(type: TokenType): void {
    this.saveSimpleKey();
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, mark: NO_KEY });
    this.flowLevel++;
    this.simpleKeyAllowed = true;
    this.fetchSingle(type);
  }

  private fetchFlowCollectionEnd(type: TokenType): void {
    this.removeSimpleKey();
    if (this.flowLevel > 0) {
      this.flowLevel--;
      this.simpleKeys.pop();
    }
    this.simpleKeyAllowed = false;
    this.fetchSingle(type);
  }

  private fetchFlowEntry(): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.fetchSingle('FLOW-ENTRY');
  }

  private fetchBlockEntry(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.notAllowed('block sequence entries are not allowed in this context');
      this.rollIndent(this.r.column, -1, 'BLOCK-SEQUENCE-START', this.r.mark());
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.fetchSingle('BLOCK-ENTRY');
  }

  private fetchKey(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.notAllowed('mapping keys are not allowed in this context');
      this.rollIndent(this.r.column, -1, 'BLOCK-MAPPING-START', this.r.mark());
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = this.flowLevel === 0;
    this.fetchSingle('KEY');
  }

  private fetchValue(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1];
    if (key?.possible) {
      const token: Token = { type: 'KEY', start: key.mark, end: key.mark };
      this.queue.splice(this.head + (key.tokenNumber - this.tokensParsed), 0, token);
      this.rollIndent(key.mark.column, key.tokenNumber, 'BLOCK-MAPPING-START', key.mark);
      key.possible = false;
      this.simpleKeyAllowed = false;
    } else {
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed) this.notAllowed('mapping values are not allowed in this context');
        this.rollIndent(this.r.column, -1, 'BLOCK-MAPPING-START', this.r.mark());
      }
      this.simpleKeyAllowed = this.flowLevel === 0;
    }
    this.fetchSingle('VALUE');
  }

  private notAllowed(problem: string): never {
    throw new YamlError('scanner', problem, this.r.mark(), undefined, undefined, { indent: this.indent });
  }

  private fetchAnchor(type: 'ALIAS' | 'ANCHOR'): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.queue.push(scanAnchor(this.r, type));
  }

  private fetchTag(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.queue.push(scanTag(this.r, this.flowLevel > 0));
  }

  private fetchBlockScalar(literal: boolean): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.queue.push(scanBlockScalar(this.r, literal, this.indent));
  }

  private fetchFlowScalar(single: boolean): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.queue.push(scanFlowScalar(this.r, single));
  }

  private fetchPlainScalar(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    const { token, leadingBlanks } = scanPlainScalar(this.r, this.indent, this.flowLevel > 0);
    this.queue.push(token);
    if (leadingBlanks) this.simpleKeyAllowed = true;
  }

  /** Eats white space and comments up to the next token (tabs only where no simple key may start). */
  private scanToNextToken(): void {
    const r = this.r;
    for (;;) {
      if (r.column === 0 && r.ch() === 0xfeff) r.skip();
      while (r.ch() === 0x20 || ((this.flowLevel > 0 || !this.simpleKeyAllowed) && r.ch() === 0x09)) r.skip();
      if (r.ch() === 0x23) while (!isBreakZ(r.ch())) r.skip();
      if (!isBreak(r.ch())) break;
      r.skipLine();
      if (this.flowLevel === 0) this.simpleKeyAllowed = true;
    }
  }
}
