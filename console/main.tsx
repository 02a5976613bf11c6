// The rules console (issue 19): a single page served by `rules serve` at /console/, hash-routed.
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { check, forgetKey, storedKey, whenUnauthorized } from './api.ts';
import { useRoute } from './router.ts';
import type { Route } from './router.ts';
import { Event } from './pages/event.tsx';
import { Events } from './pages/events.tsx';
import { ExecutionPage } from './pages/execution.tsx';
import { Executions } from './pages/executions.tsx';
import { Login } from './pages/login.tsx';
import { Overview } from './pages/overview.tsx';
import { Why } from './pages/why.tsx';

const NAV = [
  ['overview', 'Overview'],
  ['events', 'Events'],
  ['executions', 'Executions'],
] as const;

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'events':
      return route.id ? <Event id={route.id} /> : <Events route={route} />;
    case 'why':
      return <Why route={route} />;
    case 'executions':
      return route.id ? <ExecutionPage id={route.id} /> : <Executions route={route} />;
    case 'overview':
      return <Overview />;
    default:
      return <p>No such page: {route.page}</p>;
  }
}

function Shell({ route, auth, onLogout }: { route: Route; auth: boolean; onLogout: () => void }) {
  const section = route.page === 'why' ? 'events' : route.page;
  // After a navigation, focus moves to the new content, so keyboard and screen reader users start there.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else document.getElementById('main')?.focus();
  }, [route.page, route.id]);
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        Skip to content
      </a>
      <header>
        <strong class="brand">rules</strong>
        <nav aria-label="Console">
          {NAV.map(([page, label]) => (
            <a key={page} href={`#/${page}`} aria-current={section === page ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
        {auth ? (
          <button type="button" class="link" onClick={onLogout}>
            Sign out
          </button>
        ) : (
          <span class="badge s-failed" title="rules serve --no-auth">
            auth off
          </span>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        <Page route={route} />
      </main>
    </>
  );
}

function App() {
  const route = useRoute();
  // undefined: checking; 'login': show the form; 'key' or 'open' (server without auth): show the console.
  const [state, setState] = useState<'checking' | 'login' | 'key' | 'open'>('checking');
  const [message, setMessage] = useState<string | undefined>(undefined);
  useEffect(() => {
    whenUnauthorized((fault) => {
      forgetKey();
      setMessage(`Signed out: ${fault}`);
      setState('login');
    });
    const key = storedKey();
    check(key)
      .then((ok) => setState(ok ? (key ? 'key' : 'open') : 'login'))
      .catch((e: unknown) => {
        setMessage(e instanceof Error ? e.message : String(e));
        setState('login');
      });
  }, []);
  if (state === 'checking') return <p class="muted">Connecting…</p>;
  if (state === 'login')
    return (
      <Login
        message={message}
        onDone={() => {
          setMessage(undefined);
          setState('key');
        }}
      />
    );
  return (
    <Shell
      route={route}
      auth={state === 'key'}
      onLogout={() => {
        forgetKey();
        setState('login');
      }}
    />
  );
}

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(<App />, root);
}
