// Jinja's whitespace control under StackStorm's settings (trim_blocks, lstrip_blocks): which text each
// Text and Raw token really contributes. `-` strips all whitespace on that side; trim_blocks removes the
// first newline after a block or comment tag; lstrip_blocks removes spaces and tabs from the start of a
// line up to a block or comment tag (`{%+` keeps them).
import type { IToken } from 'chevrotain';
import { tokens as T } from '../../grammar/template/index.ts';

const RAW_PARTS = /^(\{%[-+]?\s*raw\s*([-+]?)%\})([\s\S]*?)(\{%([-+]?)\s*endraw\s*([-+]?)%\})$/;

function opener(tok: IToken): { kind: 'var' | 'block' | 'comment'; mark: string } | undefined {
  const t = tok.tokenType;
  if (t === T.VarOpen) return { kind: 'var', mark: tok.image.slice(2) };
  if (t === T.BlockOpen) return { kind: 'block', mark: tok.image.slice(2) };
  if (t === T.Comment)
    return {
      kind: 'comment',
      mark: tok.image.charAt(2) === '-' || tok.image.charAt(2) === '+' ? tok.image.charAt(2) : '',
    };
  if (t === T.Raw) return { kind: 'block', mark: /^\{%([-+]?)/.exec(tok.image)?.[1] ?? '' };
  return undefined;
}

function closer(tok: IToken): { kind: 'var' | 'block'; mark: string } | undefined {
  const t = tok.tokenType;
  if (t === T.VarClose) return { kind: 'var', mark: tok.image.length === 3 ? '-' : '' };
  if (t === T.BlockClose) return { kind: 'block', mark: tok.image.length === 3 ? tok.image.charAt(0) : '' };
  if (t === T.Comment) return { kind: 'block', mark: tok.image.length >= 5 && tok.image.at(-3) === '-' ? '-' : '' };
  if (t === T.Raw) {
    const m = RAW_PARTS.exec(tok.image);
    return { kind: 'block', mark: m?.[6] ?? '' };
  }
  return undefined;
}

/** The text each Text/Raw token renders, after whitespace control. */
export function applyWhitespaceControl(toks: readonly IToken[], source: string): Map<IToken, string> {
  const out = new Map<IToken, string>();
  for (const tok of toks) {
    if (tok.tokenType === T.Text) out.set(tok, tok.image);
    else if (tok.tokenType === T.Raw) {
      const m = RAW_PARTS.exec(tok.image);
      let body = m?.[3] ?? '';
      if (m?.[2] === '-') body = body.replace(/^\s+/, '');
      if (m?.[5] === '-') body = body.replace(/\s+$/, '');
      out.set(tok, body);
    }
  }
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i];
    if (tok === undefined || tok.tokenType !== T.Text) continue;
    let text = out.get(tok) ?? '';
    const prev = toks[i - 1];
    const next = toks[i + 1];
    const before = prev ? closer(prev) : undefined;
    if (before?.mark === '-') text = text.replace(/^\s+/, '');
    else if (before?.kind === 'block' && before.mark !== '+' && text.startsWith('\n')) text = text.slice(1);
    const after = next ? opener(next) : undefined;
    if (after?.mark === '-') text = text.replace(/\s+$/, '');
    else if (after && after.kind !== 'var' && after.mark !== '+') {
      const lineStart = text.lastIndexOf('\n') + 1;
      const lineStarting =
        lineStart > 0 ||
        tok.startOffset === 0 ||
        source[tok.startOffset - 1] === '\n' ||
        (before?.kind === 'block' && before.mark !== '+' && tok.image.startsWith('\n'));
      if (lineStarting && /^[ \t]*$/.test(text.slice(lineStart))) text = text.slice(0, lineStart);
    }
    out.set(tok, text);
  }
  return out;
}
