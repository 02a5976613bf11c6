// Which route a webhook request takes: StackStorm's routes (paths.ts), except on urls whose options accept GET.
import type { RuleSet, WebhookOptions } from '../model/index.ts';
import { matchRoute } from './paths.ts';
import type { RouteMatch } from './paths.ts';
import { webhookOptionsFor } from '../webhooks/index.ts';

/**
 * StackStorm's route, except that GET on a url whose options list GET is a delivery (with the query string as
 * body) instead of the `GET /v1/webhooks/<url>` view. A url without GET in `methods` keeps the view.
 * @example routeRequest('GET', '/v1/webhooks/ping', rs) // { route: { kind: 'hook', hook: 'ping' }, options }
 */
export function routeRequest(
  method: string,
  path: string,
  ruleSet: RuleSet,
): { route: RouteMatch; options?: WebhookOptions } | undefined {
  if (method === 'GET') {
    // The path read as a POST tells which hook a GET delivery would address (urls may contain `/`).
    const asPost = matchRoute('POST', path);
    if (asPost?.kind === 'hook') {
      const options = webhookOptionsFor(ruleSet, asPost.hook);
      if (options?.methods.includes('GET')) return { route: asPost, options };
    }
  }
  const route = matchRoute(method, path);
  if (!route) return undefined;
  if (route.kind !== 'hook') return { route };
  const options = webhookOptionsFor(ruleSet, route.hook);
  // POST left out of `methods` (GET only): POST is then refused like any unknown route.
  if (options && !options.methods.includes('POST')) return undefined;
  return options ? { route, options } : { route };
}
