// GET /v1/status: which generation is served, when it was loaded, and per file its compile state and
// current diagnostics (hot reload, issue 7). The watch stage puts a ReloadStatus on each RuleSet it swaps
// in; a RuleSet without one (no --watch) reports its generation only.
import type { FastifyInstance } from 'fastify';
import type { Diagnostic } from '../../diagnostics/index.ts';
import type { FileCompileState } from '../../model/index.ts';
import type { RouteContext } from './context.ts';

export function statusRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  app.get('/v1/status', { preHandler: ctx.authenticate }, () => {
    const rs = ctx.ruleSet();
    const status = rs.status;
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
