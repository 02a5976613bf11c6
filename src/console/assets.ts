// The console's browser code (console/, Preact) bundled with esbuild on the first request to /console/ and kept in
// memory for the life of the process: nothing to build at install, nothing generated in git, no cost at start (the
// webhook path never waits for it), and a server never serves a bundle older than its own code. Names carry a
// content hash, so the assets are cached for good and only the small HTML page is revalidated.
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** One file as served: its bytes, gzipped once, and the headers that go with it. */
export interface Asset {
  body: Buffer;
  gzip: Buffer;
  type: string;
  etag: string;
}

export interface ConsoleBundle {
  /** The page: no-cache, revalidated by ETag. */
  html: Asset;
  /** Hashed names (`console.<hash>.js`) → asset. */
  assets: ReadonlyMap<string, Asset>;
  /** Bytes the browser downloads for the console, gzipped (HTML, script, style). */
  gzipBytes: number;
}

/** console/ at the repository root: the browser sources, type-checked by their own tsconfig (DOM, no Node). */
export const CONSOLE_SOURCE = fileURLToPath(new URL('../../console/', import.meta.url));

/** An asset from bytes or text: gzipped once, its ETag from its content. */
export function textAsset(body: Buffer | string, type: string): Asset {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const hash = createHash('sha256').update(bytes).digest('base64url').slice(0, 16);
  return { body: bytes, gzip: gzipSync(bytes, { level: 9 }), type, etag: `"${hash}"` };
}

function hashed(name: string, ext: string, body: Uint8Array): string {
  return `${name}.${createHash('sha256').update(body).digest('hex').slice(0, 12)}.${ext}`;
}

/** The page: a mount point and the two hashed assets, relative to /console/ so a path prefix in front still works. */
export function pageHtml(script: string, style: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>rules console</title>',
    '<link rel="icon" href="data:,">',
    `<link rel="stylesheet" href="assets/${style}">`,
    `<script type="module" src="assets/${script}"></script>`,
    '</head>',
    '<body>',
    '<div id="app"><noscript>The rules console needs JavaScript.</noscript></div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Bundles console/main.tsx and console/style.css, minified, for browsers of the last few years. */
export async function buildConsole(source = CONSOLE_SOURCE): Promise<ConsoleBundle> {
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: source,
    entryPoints: { console: 'main.tsx', style: 'style.css' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    write: false,
    outdir: 'out',
    logLevel: 'silent',
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'));
  const css = result.outputFiles.find((f) => f.path.endsWith('.css'));
  if (!js || !css) throw new Error('esbuild produced no script or no style sheet');
  const scriptName = hashed('console', 'js', js.contents);
  const styleName = hashed('console', 'css', css.contents);
  const assets = new Map<string, Asset>([
    [scriptName, textAsset(Buffer.from(js.contents), 'text/javascript; charset=utf-8')],
    [styleName, textAsset(Buffer.from(css.contents), 'text/css; charset=utf-8')],
  ]);
  const html = textAsset(pageHtml(scriptName, styleName), 'text/html; charset=utf-8');
  const gzipBytes = html.gzip.length + [...assets.values()].reduce((n, a) => n + a.gzip.length, 0);
  return { html, assets, gzipBytes };
}

/** The bundle of this process: built once on first use; a failed build is tried again on the next request. */
export function consoleBundle(build: () => Promise<ConsoleBundle> = buildConsole): () => Promise<ConsoleBundle> {
  let pending: Promise<ConsoleBundle> | undefined;
  return () => {
    pending ??= build().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}
