// GET /v1/ruleenforcements (filters rule or rule_ref, trigger_instance, execution, status, limit, offset) and /<id>.
import type { FastifyPluginAsync } from 'fastify';
import type { ApiRouteOptions } from './api-common.ts';
import { QueryError, fault, paging, queryString } from './api-common.ts';

export const enforcementsRoutes: FastifyPluginAsync<ApiRouteOptions> = (app, options) => {
  if (options.authenticate) app.addHook('onRequest', options.authenticate);
  app.get('/v1/ruleenforcements', async (request, reply) => {
    try {
      const q = request.query;
      return reply.send(
        await options.enforcements.list({
          ...paging(q),
          rule: queryString(q, 'rule_ref') ?? queryString(q, 'rule'),
          trigger_instance: queryString(q, 'trigger_instance'),
          execution: queryString(q, 'execution'),
          status: queryString(q, 'status'),
        }),
      );
    } catch (error) {
      if (error instanceof QueryError) return fault(reply, 400, error.message);
      throw error;
    }
  });
  app.get<{ Params: { id: string } }>('/v1/ruleenforcements/:id', async (request, reply) => {
    const record = await options.enforcements.get(request.params.id);
    if (!record) return fault(reply, 404, `Resource with a reference or id "${request.params.id}" not found`);
    return reply.send(record);
  });
  return Promise.resolve();
};
