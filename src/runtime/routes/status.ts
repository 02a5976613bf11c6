// GET /v1/status: which generation is served, when it was loaded, and per file its compile state and
// current diagnostics (hot reload, issue 7). The watch stage attaches a ReloadStatus to each RuleSet it
// swaps in; a RuleSet without one (no --watch) reports its generation only.
import type { FastifyInstance } from 'fastify';
import type { Diagnostic } from '../../diagnostics/types.ts';
import type { RuleSet } from '../../model/index.ts';
import type { RouteContext } from './index.ts';

/** `ok`: this version serves; `stale`: broken, the last good version serves; `error`: broken, nothing serves. */
export type FileCompileState = 'ok' | 'stale' | 'error';

export interface FileStatus {
  state: FileCompileState;
  diagnostics: readonly Diagnostic[];
}

export interface ReloadStatus {
  /** ISO time of the reload that produced this rule set. */
  loadedAt: string;
  /** `ok`: no file is broken; `partial`: some file is served from its last good version or not at all. */
  result: 'ok' | 'partial';
  durationMs: number;
  reloads: { ok: number; partial: number; failed: number };
  files: ReadonlyMap<string, FileStatus>;
}

const statuses = new WeakMap<RuleSet, ReloadStatus>();

/** Attaches the reload status to the rule set it describes (they are swapped together). */
export function attachStatus(ruleSet: RuleSet, status: ReloadStatus): void {
  statuses.set(ruleSet, status);
}

export function statusOf(ruleSet: RuleSet): ReloadStatus | undefined {
  return statuses.get(ruleSet);
}

export function statusRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  app.get('/v1/status', { preHandler: ctx.authenticate }, () => {
    const rs = ctx.ruleSet();
    const status = statusOf(rs);
    const files: Record<string, { state: FileCompileState; diagnostics: readonly Diagnostic[] }> = {};
    for (const [file, s] of status?.files ?? []) files[file] = { state: s.state, diagnostics: s.diagnostics };
    return {
      generation: rs.generation,
      watch: status !== undefined,
      last_reload: status?.loadedAt ?? null,
      last_reload_ms: status ? Math.round(status.durationMs * 100) / 100 : null,
      result: status?.result ?? null,
      reloads: status?.reloads ?? null,
      rules: rs.rules.size,
      webhooks: rs.webhooks.size,
      files,
    };
  });
  return Promise.resolve();
}
