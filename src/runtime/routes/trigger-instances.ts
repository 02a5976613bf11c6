// GET /v1/triggerinstances (filters trigger, status, limit, offset, exclude_attributes=payload; newest first) and
// /v1/triggerinstances/<id>.
import type { FastifyPluginAsync } from 'fastify';
import type { ApiRouteOptions } from './api-common.ts';
import { QueryError, excludedAttributes, fault, paging, queryString, without } from './api-common.ts';

export const triggerInstancesRoutes: FastifyPluginAsync<ApiRouteOptions> = (app, options) => {
  if (options.authenticate) app.addHook('onRequest', options.authenticate);
  app.get('/v1/triggerinstances', async (request, reply) => {
    if (!options.triggerInstances) return reply.send([]);
    try {
      const q = request.query;
      const excluded = excludedAttributes(q, ['payload']);
      const list = await options.triggerInstances.list({
        ...paging(q),
        trigger: queryString(q, 'trigger'),
        status: queryString(q, 'status'),
      });
      return reply.send(without(list, excluded));
    } catch (error) {
      if (error instanceof QueryError) return fault(reply, 400, error.message);
      throw error;
    }
  });
  app.get<{ Params: { id: string } }>('/v1/triggerinstances/:id', async (request, reply) => {
    const instance = await options.triggerInstances?.get(request.params.id);
    if (!instance) return fault(reply, 404, `Resource with a reference or id "${request.params.id}" not found`);
    return reply.send(instance);
  });
  return Promise.resolve();
};
