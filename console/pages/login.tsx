// The API key, pasted once per browser tab. The form never submits (no action, CSP form-action 'none'): a
// submitted form could put the key into a URL.
import { useState } from 'preact/hooks';
import { check, storeKey } from '../api.ts';

export function Login({ message, onDone }: { message: string | undefined; onDone: () => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState(message);
  const [busy, setBusy] = useState(false);
  const submit = (event: Event): void => {
    event.preventDefault();
    const value = key.trim();
    if (!value) return setError('Paste an API key first.');
    setBusy(true);
    check(value)
      .then((ok) => {
        if (!ok) return setError('The server does not accept this key.');
        storeKey(value);
        onDone();
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  };
  return (
    <main class="login" id="main">
      <h1>rules console</h1>
      <form method="post" onSubmit={submit} aria-describedby="login-help">
        <label for="api-key">API key</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autoComplete="off"
          spellcheck={false}
          autoFocus
          value={key}
          onInput={(e) => setKey(e.currentTarget.value)}
        />
        <button type="submit" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
      </form>
      <p id="login-help" class="muted">
        The key is sent as the <code>St2-Api-Key</code> header and kept only in this tab's session storage. Create one
        with <code>rules apikey create</code>.
      </p>
    </main>
  );
}
