// Small pieces every page uses.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

export function Json({ value, label }: { value: unknown; label?: string }) {
  return (
    <pre class="json" tabIndex={0} aria-label={label}>
      {JSON.stringify(value, null, 2) ?? 'undefined'}
    </pre>
  );
}

export function Badge({ status }: { status: string }) {
  return <span class={`badge s-${status.replace(/[^a-z_]/g, '')}`}>{status}</span>;
}

/** Local time, the ISO time as a tooltip. */
export function Time({ iso }: { iso: string | undefined }) {
  if (!iso) return <span>–</span>;
  const date = new Date(iso);
  return (
    <time dateTime={iso} title={iso}>
      {Number.isNaN(date.getTime()) ? iso : date.toLocaleString()}
    </time>
  );
}

export function Failure({ error }: { error: string | undefined }) {
  return error ? (
    <p class="error" role="alert">
      {error}
    </p>
  ) : null;
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="muted" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function Section({ title, children, id }: { title: string; children: ComponentChildren; id?: string }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** A command with a button that copies it (the text stays selectable where the clipboard is not allowed). */
export function CopyLine({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  const copy = (): void => {
    void navigator.clipboard?.writeText(text).then(
      () => {
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      },
      () => setCopied(false),
    );
  };
  return (
    <div class="copy">
      <code>{text}</code>
      <button type="button" onClick={copy} aria-label="Copy the command">
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}
