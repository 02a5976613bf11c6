// docs/errors.md as a page of the console (/console/errors), from the same catalogue, with the same anchors
// (`#rules_e_action_not_found`): the Overview links each diagnostic's code here, and it works without network.
import type { CodeDefinition, HttpErrorDefinition } from '../diagnostics/index.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** The catalogue's markdown is small: code spans and bold; everything else is text. */
function inline(markdown: string): string {
  return escapeHtml(markdown)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
}

export function errorsPage(
  codes: Readonly<Record<string, CodeDefinition>>,
  httpErrors: Readonly<Record<string, HttpErrorDefinition>>,
  style: string,
): string {
  const out: string[] = [
    '<!doctype html>',
    '<html lang="en">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>rules: diagnostic codes</title><link rel="icon" href="data:,"><link rel="stylesheet" href="assets/${style}">`,
    '</head>',
    '<body class="doc"><main>',
    '<p><a href="./#/overview">← console</a></p>',
    '<h1>Diagnostic codes</h1>',
    '<p>docs/errors.md, generated from the same catalogue (<code>npm run docs</code>).</p>',
  ];
  for (const code of Object.keys(codes).sort()) {
    const d = codes[code] as CodeDefinition;
    out.push(
      `<section id="${code.toLowerCase()}"><h2>${code}</h2>`,
      `<p><strong>${inline(d.title)}</strong> (${d.severity}${d.strictSt2 ? ', only with <code>--strict-st2</code>' : ''})</p>`,
      `<p>${inline(d.description)}</p></section>`,
    );
  }
  out.push('<h1>HTTP errors</h1>');
  for (const code of Object.keys(httpErrors).sort()) {
    const h = httpErrors[code] as HttpErrorDefinition;
    out.push(
      `<section id="${code.toLowerCase()}"><h2>${code}</h2>`,
      `<p>HTTP ${h.status}: <code>${escapeHtml(h.message)}</code></p>`,
      `<p>${inline(h.description)}</p></section>`,
    );
  }
  out.push('</main></body></html>', '');
  return out.join('\n');
}
