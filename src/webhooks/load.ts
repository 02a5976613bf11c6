// Webhook options files of the loaded packs (packs/<pack>/webhooks/*.yaml, issue 9): parsed with positions,
// turned into WebhookOptions by the webhook library, checked across packs (one options file per url) and
// against the urls the rules declare (disabled rules included: they keep a url registered, spec §1.10).
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/index.ts';
import { loadFile } from '../pack/index.ts';
import type { PackModel, WebhookOptions } from '../model/index.ts';
import { compileTemplate } from '../template/index.ts';
import {
  checkWebhookConflicts,
  checkWebhookUrls,
  webhookOptionsFromDocument,
  webhookOptionsSource,
} from './options.ts';

export interface WebhookOptionsOutput {
  /** Every valid options file, in pack then file order. */
  options: WebhookOptions[];
  /** Normalised url → options; with conflicting files the first (pack order) is kept and the rest are errors. */
  byUrl: ReadonlyMap<string, WebhookOptions>;
  diagnostics: Diagnostic[];
  files: number;
}

async function yamlFiles(dir: string): Promise<string[]> {
  try {
    const names = (await readdir(dir)).filter((n) => n.endsWith('.yaml') || n.endsWith('.yml'));
    const files: string[] = [];
    for (const n of names.sort()) if ((await stat(join(dir, n))).isFile()) files.push(n);
    return files;
  } catch {
    // No webhooks/ folder: the pack configures no url.
    return [];
  }
}

/** Template problems of `response.body`, placed inside the YAML string where the source map can. */
function checkResponseTemplate(options: WebhookOptions): Diagnostic[] {
  const response = options.response;
  if (response?.kind !== 'custom' || response.body === undefined) return [];
  const compiled = compileTemplate(response.body, { names: ['trigger'] });
  const source = webhookOptionsSource(options);
  return compiled.diagnostics.map((d) => {
    const span = source?.scalarOffset('/response/body', d.start ?? 0, d.end) ?? source?.span('/response/body');
    const diagnostic: Diagnostic = {
      code: d.code,
      severity: d.severity ?? 'error',
      message: `response body: ${d.message}`,
      file: span?.file ?? options.file,
      line: span?.line ?? 1,
      column: span?.column ?? 1,
      endLine: span?.endLine ?? 1,
      endColumn: span?.endColumn ?? 1,
      pointer: '/response/body',
    };
    if (d.hint !== undefined) diagnostic.hint = d.hint;
    return diagnostic;
  });
}

interface PackWebhooks {
  options: WebhookOptions[];
  diagnostics: Diagnostic[];
  files: number;
}

/**
 * One pack's options files, by its model: a pack reused unchanged by an incremental compile keeps its
 * PackModel (any change under the pack, webhooks/ included, reloads the pack), so its files are not read again.
 */
const perPack = new WeakMap<PackModel, PackWebhooks>();

async function loadPackWebhooks(pack: PackModel): Promise<PackWebhooks> {
  const known = perPack.get(pack);
  if (known) return known;
  const out: PackWebhooks = { options: [], diagnostics: [], files: 0 };
  const { diagnostics, options } = out;
  const dir = join(pack.dir, 'webhooks');
  for (const name of await yamlFiles(dir)) {
    out.files += 1;
    const file = await loadFile(join(dir, name), `webhooks/${name}`);
    diagnostics.push(...file.diagnostics);
    if (!file.loaded) continue;
    const built = webhookOptionsFromDocument({
      document: file.value,
      pack: pack.ref,
      file: file.file,
      source: file.source,
    });
    diagnostics.push(...built.diagnostics);
    if (!built.value) continue;
    const templateProblems = checkResponseTemplate(built.value);
    diagnostics.push(...templateProblems);
    if (templateProblems.some((d) => d.severity === 'error')) continue;
    options.push(built.value);
  }
  perPack.set(pack, out);
  return out;
}

/**
 * Loads and checks the webhook options of every pack against the urls the rules declare (as written, any
 * `core.st2.webhook` rule, enabled or not).
 * @example const { byUrl, diagnostics } = await loadWebhookOptions(output.packs, ['sample'])
 */
export async function loadWebhookOptions(
  packs: readonly PackModel[],
  declaredUrls: Iterable<string>,
): Promise<WebhookOptionsOutput> {
  const diagnostics: Diagnostic[] = [];
  const options: WebhookOptions[] = [];
  let files = 0;
  for (const pack of packs) {
    const loaded = await loadPackWebhooks(pack);
    files += loaded.files;
    diagnostics.push(...loaded.diagnostics);
    options.push(...loaded.options);
  }
  diagnostics.push(...checkWebhookConflicts(options));
  diagnostics.push(...checkWebhookUrls(options, declaredUrls));
  const byUrl = new Map<string, WebhookOptions>();
  for (const o of options) if (!byUrl.has(o.normalizedUrl)) byUrl.set(o.normalizedUrl, o);
  return { options, byUrl, diagnostics, files };
}
