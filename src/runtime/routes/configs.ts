// GET /v1/configs and /v1/configs/<pack>: each pack's config as StackStorm's API shows it ({id, pack, values}),
// schema defaults filled, `{{ st2kv... }}` values as written (never rendered: that would show datastore values),
// and every `secret: true` value masked. StackStorm reveals secrets to admins with ?show_secrets=true; we never do.
import type { FastifyPluginAsync } from 'fastify';
import type { PackModel } from '../../model/index.ts';
import { fillConfigDefaults, maskConfigSecrets } from '../../schema/index.ts';
import type { ApiRouteOptions } from './api-common.ts';
import { fault } from './api-common.ts';

type ConfigRouteOptions = Pick<ApiRouteOptions, 'ruleSet' | 'authenticate'>;

/** The masked view of a pack's config. */
export function configView(pack: PackModel): Record<string, unknown> {
  return {
    id: `config:${pack.ref}`,
    pack: pack.ref,
    values: maskConfigSecrets(fillConfigDefaults(pack.config, pack.configSchema), pack.configSchema),
  };
}

const hasConfig = (pack: PackModel): boolean => pack.configFile !== undefined || pack.configSchema !== undefined;

export const configsRoutes: FastifyPluginAsync<ConfigRouteOptions> = (app, options) => {
  if (options.authenticate) app.addHook('onRequest', options.authenticate);
  app.get('/v1/configs', (_request, reply) =>
    reply.send([...options.ruleSet().packs.values()].filter(hasConfig).map(configView)),
  );
  app.get<{ Params: { pack: string } }>('/v1/configs/:pack', (request, reply) => {
    const pack = options.ruleSet().packs.get(request.params.pack);
    if (!pack || !hasConfig(pack)) return fault(reply, 404, `No config found for pack "${request.params.pack}"`);
    return reply.send(configView(pack));
  });
  return Promise.resolve();
};
