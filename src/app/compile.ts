// `rules compile [--check]` as a function: every problem in the packs as file:line:column; without --check, also
// what would be served (webhook urls with their rules, counts per pack); --watch recompiles on every change.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { resolve, sep } from 'node:path';
import { UsageError } from './errors.ts';
import { compilePacks, resolvePackRoots } from '../compile/index.ts';
import type { CompileOutput } from '../compile/index.ts';
import { counts, formatReport, outputFormats, displayPath } from '../diagnostics/index.ts';
import type { OutputFormat } from '../diagnostics/index.ts';
import { normaliseUrl } from '../webhooks/index.ts';
import { runCompileWatch } from '../watch/index.ts';
import { readPackFile } from '../pack/index.ts';
import { maxFileBytes } from '../runtime/index.ts';

export interface CompileFlags {
  check?: boolean;
  format: string;
  maxWarnings?: string;
  strictSt2?: boolean;
  strict?: boolean;
  config?: string;
  packs?: string[];
  cache?: boolean;
  cacheDir?: string;
  emit?: string;
  maxFileBytes?: string;
}

/** What the rule set would serve: webhook urls → rules, rules by trigger type, counts per pack. */
export function servedSummary(out: CompileOutput, cwd: string): string {
  const lines: string[] = [];
  const hooks = new Map<string, string[]>();
  const byType = new Map<string, string[]>();
  for (const r of out.rules) {
    const label = `${r.ref}${r.enabled ? '' : ' (disabled)'}`;
    if (r.trigger.type === 'core.st2.webhook' && typeof r.trigger.parameters['url'] === 'string') {
      const url = normaliseUrl(r.trigger.parameters['url']);
      hooks.set(url, [...(hooks.get(url) ?? []), label]);
    } else {
      byType.set(r.trigger.type, [...(byType.get(r.trigger.type) ?? []), label]);
    }
  }
  lines.push('Webhooks:');
  if (hooks.size === 0) lines.push('  (none)');
  for (const [url, rules] of [...hooks].sort()) lines.push(`  POST /v1/webhooks/${url}  ${rules.join(', ')}`);
  if (byType.size) {
    lines.push('Trigger types (POST /v1/webhooks/st2 for custom types):');
    for (const [type, rules] of [...byType].sort()) lines.push(`  ${type}  ${rules.join(', ')}`);
  }
  lines.push('Packs:');
  for (const p of out.packs) {
    const rules = out.rules.filter((r) => r.pack === p.ref);
    const enabled = rules.filter((r) => r.enabled).length;
    const actions = out.actions.filter((a) => a.pack === p.ref).length;
    const types = out.triggerTypes.filter((t) => t.pack === p.ref).length;
    lines.push(
      `  ${p.ref}  ${rules.length} rules (${enabled} enabled), ${actions} actions, ${types} trigger types  ${displayPath(p.dir, cwd)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `installedPacks` of the config file: the packs installed in StackStorm besides those in the pack roots. The file
 * is the operator's own (as `rules serve --config`); only the shape of this key is checked.
 */
export function readInstalledPacks(path: string | undefined): string[] | undefined {
  if (path === undefined) return undefined;
  let value: unknown;
  try {
    value = parseYaml(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    throw new UsageError(`cannot read config file ${path}: ${(error as Error).message}`);
  }
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'object' || Array.isArray(value))
    throw new UsageError(`config file ${path} must hold a mapping`);
  const list = (value as Record<string, unknown>)['installedPacks'];
  if (list === undefined || list === null) return undefined;
  if (!Array.isArray(list) || !list.every((p) => typeof p === 'string'))
    throw new UsageError(`config file ${path}: installedPacks must be a list of pack refs`);
  return list;
}

/** Runs the command; returns the exit code (0 clean, 1 problems). */
export async function runCompile(
  flags: CompileFlags,
  io: {
    stdout: (s: string) => void;
    stderr?: (s: string) => void;
    isTTY: boolean;
    cwd: string;
    env: NodeJS.ProcessEnv;
  },
): Promise<number> {
  if (!(outputFormats as readonly string[]).includes(flags.format))
    throw new UsageError(`--format must be one of ${outputFormats.join(', ')}, got "${flags.format}"`);
  let maxWarnings: number | undefined;
  if (flags.maxWarnings !== undefined) {
    if (!/^\d+$/.test(flags.maxWarnings))
      throw new UsageError(`--max-warnings must be a non-negative integer, got "${flags.maxWarnings}"`);
    maxWarnings = Number(flags.maxWarnings);
  }
  const roots = resolvePackRoots(flags.packs, io.env);
  let maxBytes: number;
  try {
    maxBytes = maxFileBytes(flags.maxFileBytes, io.env);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const installedPacks = readInstalledPacks(flags.config ?? io.env['RULES_CONFIG']);
  const cacheDir = flags.cache === false ? undefined : resolve(io.cwd, flags.cacheDir ?? 'node_modules/.cache/rules');
  const out = await compilePacks({
    roots,
    strictSt2: flags.strictSt2 === true,
    maxFileBytes: maxBytes,
    strict: flags.strict === true,
    ...(installedPacks ? { installedPacks } : {}),
    ...(cacheDir ? { cache: cacheDir } : {}),
  });
  const source = codeFrameSource(roots, maxBytes);
  const format = flags.format as OutputFormat;
  if (!flags.check && format === 'pretty') io.stdout(servedSummary(out, io.cwd));
  io.stdout(
    formatReport(
      format,
      { diagnostics: out.diagnostics, files: out.files, durationMs: out.durationMs },
      { color: io.isTTY, source, cwd: io.cwd },
    ),
  );
  if (flags.emit !== undefined) {
    const { buildRuleSet } = await import('../ruleset/index.ts');
    const { emitMatchers } = await import('../criteria/index.ts');
    const dir = resolve(io.cwd, flags.emit);
    const written = await emitMatchers(buildRuleSet(out, 1), dir);
    io.stderr?.(`rules: wrote ${written.length} generated matcher file(s) to ${displayPath(dir, io.cwd)}\n`);
  }
  const { errors, warnings } = counts(out.diagnostics);
  if (errors > 0) return 1;
  if (maxWarnings !== undefined && warnings > maxWarnings) return 1;
  return 0;
}

/**
 * The text code frames show: a file inside a pack root, read as the loader reads it (issue 16). A link out of
 * the roots (`ln -s /etc/shadow ...`), a FIFO, a device or a file over the cap shows no frame, so CI logs and
 * terminals never print what such a file points at.
 */
export function codeFrameSource(roots: readonly string[], maxBytes: number): (file: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  return (file) => {
    if (!cache.has(file)) {
      const root = roots.find((r) => file.startsWith(r.endsWith(sep) ? r : r + sep));
      let text: string | undefined;
      try {
        const read = root === undefined ? undefined : readPackFile(file, { root, maxBytes });
        text = read?.ok === true ? read.text : undefined;
      } catch {
        text = undefined;
      }
      cache.set(file, text);
    }
    return cache.get(file);
  };
}

/** `rules compile --watch` (issue 7): the watch stage's incremental compiler, until `signal` aborts. */
export function watchCompile(
  flags: Pick<CompileFlags, 'packs' | 'strictSt2' | 'maxFileBytes'>,
  io: { write: (text: string) => void; signal: AbortSignal; env: NodeJS.ProcessEnv },
): Promise<void> {
  return runCompileWatch({
    roots: resolvePackRoots(flags.packs, io.env),
    strictSt2: flags.strictSt2 === true,
    maxFileBytes: maxFileBytes(flags.maxFileBytes, io.env),
    write: io.write,
    signal: io.signal,
  });
}
