// POST /v1/triggerinstances/<id>/re_emit (StackStorm's TriggerInstanceResendController), authenticated like the
// other API routes. StackStorm's answer keeps its spelling ("succesfully").
import type { FastifyInstance } from 'fastify';
import { reEmitTriggerInstance } from '../re-emit.ts';
import type { RouteContext } from './context.ts';
import { fault } from './api-common.ts';

export async function reEmitRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  const processor = ctx.processor;
  await app.register((scope, _opts, done) => {
    scope.addHook('onRequest', ctx.authenticate);
    scope.post<{ Params: { id: string } }>('/v1/triggerinstances/:id/re_emit', async (request, reply) => {
      if (!processor) return fault(reply, 503, 'No processor is running: trigger instances cannot be re-emitted.');
      const result = await reEmitTriggerInstance(
        { store: ctx.store, processor, ruleSet: ctx.ruleSet },
        request.params.id,
      );
      if (!result) return fault(reply, 404, `Resource with a reference or id "${request.params.id}" not found`);
      const c = result.created;
      return reply.code(200).send({
        message: `Trigger instance ${result.original.id} succesfully re-sent.`,
        trigger_instance: {
          id: c.id,
          trigger: c.trigger,
          payload: c.payload,
          occurrence_time: c.occurrence_time,
          status: c.status,
          context: { original_id: result.original.id },
        },
      });
    });
    done();
  });
}
