// GET /v1/executions (filters action, rule, status, trigger_instance, limit, offset; exclude_attributes as StackStorm's:
// result, trigger_instance, status; newest first) and /v1/executions/<id>.
import type { FastifyPluginAsync } from 'fastify';
import type { ApiRouteOptions } from './api-common.ts';
import { QueryError, excludedAttributes, fault, paging, queryString, without } from './api-common.ts';

export const executionsRoutes: FastifyPluginAsync<ApiRouteOptions> = (app, options) => {
  if (options.authenticate) app.addHook('onRequest', options.authenticate);
  app.get('/v1/executions', async (request, reply) => {
    try {
      const q = request.query;
      const filter = {
        ...paging(q),
        action: queryString(q, 'action'),
        rule: queryString(q, 'rule'),
        status: queryString(q, 'status'),
        trigger_instance: queryString(q, 'trigger_instance'),
      };
      const excluded = excludedAttributes(q, ['result', 'trigger_instance', 'status']);
      return reply.send(without(await options.executions.list(filter), excluded));
    } catch (error) {
      if (error instanceof QueryError) return fault(reply, 400, error.message);
      throw error;
    }
  });
  app.get<{ Params: { id: string } }>('/v1/executions/:id', async (request, reply) => {
    const execution = await options.executions.get(request.params.id);
    if (!execution) return fault(reply, 404, `Resource with a reference or id "${request.params.id}" not found`);
    return reply.send(execution);
  });
  return Promise.resolve();
};
