// What every API route plugin receives: the app and what the runtime shares with it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RuleSet, TriggerProcessor } from '../../model/index.ts';
import type { Store } from '../../store/index.ts';
import type { TokenRouteOptions } from './auth-tokens.ts';

export interface RouteContext {
  ruleSet: () => RuleSet;
  store: Store;
  /** 401s exactly like the webhooks (spec §2); a no-op when auth is disabled. */
  authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  /** The user `authenticate` found for this request (undefined: auth is off, or it has not run). */
  userOf?: (request: FastifyRequest) => string | undefined;
  /** st2auth's token endpoints (htpasswd, TTL). */
  tokens?: TokenRouteOptions;
  /** Where re-emitted trigger instances go (issue 8). */
  processor?: TriggerProcessor;
}

export type RoutePlugin = (app: FastifyInstance, context: RouteContext) => Promise<void>;
