// GET /v1/actions (filter pack) and /v1/actions/<ref or id>, built-in core actions included.
import type { FastifyPluginAsync } from 'fastify';
import type { ApiRouteOptions } from './api-common.ts';
import { actionView, fault, queryString } from './api-common.ts';

export const actionsRoutes: FastifyPluginAsync<ApiRouteOptions> = (app, options) => {
  if (options.authenticate) app.addHook('onRequest', options.authenticate);
  app.get('/v1/actions', (request, reply) => {
    const pack = queryString(request.query, 'pack');
    const actions = [...options.ruleSet().actions.values()].filter((a) => pack === undefined || a.pack === pack);
    return reply.send(actions.map(actionView));
  });
  app.get<{ Params: { ref: string } }>('/v1/actions/:ref', (request, reply) => {
    const key = request.params.ref;
    const actions = options.ruleSet().actions;
    const action = actions.get(key) ?? [...actions.values()].find((a) => a.uid === key);
    if (!action) return fault(reply, 404, `Resource with a reference or id "${key}" not found`);
    return reply.send(actionView(action));
  });
  return Promise.resolve();
};
