// Extra API routes served next to the webhooks: add a file and one line here. Each entry receives the app and
// what the runtime shares (rule set getter, store, the webhooks' authentication hook).
import { actionsApiRoutes } from './actions-api.ts';
import { statusRoutes } from './status.ts';
import { authTokenRoutes } from './auth-tokens.ts';
import { reEmitRoutes } from './re-emit.ts';
import type { RoutePlugin } from './context.ts';
import { configsRoutes } from './configs.ts';

export type { RouteContext, RoutePlugin } from './context.ts';

export const routePlugins: readonly RoutePlugin[] = [
  // Executions, rule enforcements, trigger instances, rules, actions (actions stage).
  async (app, ctx) => {
    await app.register(actionsApiRoutes, {
      ruleSet: ctx.ruleSet,
      executions: ctx.store.executions,
      enforcements: ctx.store.enforcements,
      authenticate: ctx.authenticate,
      triggerInstances: {
        get: async (id) => {
          const r = await ctx.store.triggerInstances.get(id);
          return (
            r && {
              id: r.id,
              trigger: r.trigger,
              payload: r.payload,
              occurrence_time: r.occurrence_time,
              status: r.status,
            }
          );
        },
        list: async (filter) =>
          (await ctx.store.triggerInstances.list(filter)).map((r) => ({
            id: r.id,
            trigger: r.trigger,
            payload: r.payload,
            occurrence_time: r.occurrence_time,
            status: r.status,
          })),
      },
    });
  },
  // GET /v1/status: generation, last reload, per-file compile state (watch stage, issue 7).
  statusRoutes,
  // POST /auth/v1/tokens and /auth/v1/tokens/validate (st2auth, spec §2).
  (app, ctx) => authTokenRoutes(app, ctx.store.tokens, ctx.tokens ?? {}),
  // POST /v1/triggerinstances/<id>/re_emit (durability, issue 8).
  reEmitRoutes,
  // GET /v1/configs[/<pack>]: pack configs with secrets masked (issue 15).
  async (app, ctx) => {
    await app.register(configsRoutes, { ruleSet: ctx.ruleSet, authenticate: ctx.authenticate });
  },
];
