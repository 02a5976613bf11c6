// The actions stage's read API as one plugin: executions, rule enforcements, trigger instances, rules, actions.
import type { FastifyPluginAsync } from 'fastify';
import type { ApiRouteOptions } from './api-common.ts';
import { executionsRoutes } from './executions.ts';
import { enforcementsRoutes } from './enforcements.ts';
import { triggerInstancesRoutes } from './trigger-instances.ts';
import { rulesRoutes } from './rules.ts';
import { actionsRoutes } from './actions.ts';

export type { ApiRouteOptions, TriggerInstanceReader, TriggerInstanceView } from './api-common.ts';

export const actionsApiRoutes: FastifyPluginAsync<ApiRouteOptions> = async (app, options) => {
  for (const plugin of [executionsRoutes, enforcementsRoutes, triggerInstancesRoutes, rulesRoutes, actionsRoutes])
    await app.register(plugin, options);
};
