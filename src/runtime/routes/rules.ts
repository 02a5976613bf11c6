// GET /v1/rules (filter pack) and /v1/rules/<ref or id>, from the rule set being served.
import type { FastifyPluginAsync } from 'fastify';
import type { ApiRouteOptions } from './api-common.ts';
import { fault, queryString, ruleView } from './api-common.ts';

export const rulesRoutes: FastifyPluginAsync<ApiRouteOptions> = (app, options) => {
  if (options.authenticate) app.addHook('onRequest', options.authenticate);
  app.get('/v1/rules', (request, reply) => {
    const pack = queryString(request.query, 'pack');
    const rules = [...options.ruleSet().rules.values()].filter((r) => pack === undefined || r.pack === pack);
    return reply.send(rules.map(ruleView));
  });
  app.get<{ Params: { ref: string } }>('/v1/rules/:ref', (request, reply) => {
    const key = request.params.ref;
    const rules = options.ruleSet().rules;
    const rule = rules.get(key) ?? [...rules.values()].find((r) => r.uid === key);
    if (!rule) return fault(reply, 404, `Resource with a reference or id "${key}" not found`);
    return reply.send(ruleView(rule));
  });
  return Promise.resolve();
};
