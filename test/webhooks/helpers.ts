// Shared test helpers: secret lookups over plain maps, and the Octokit example payloads.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { SecretLookup, SecretRef } from '../../src/model/index.ts';

/** A lookup over `{ NAME: [values] }` for env refs and `{ 'ds:KEY': [values] }` for datastore refs. */
export function lookupFrom(values: Record<string, string[]>): SecretLookup {
  return (ref: SecretRef) => {
    const key = 'env' in ref ? ref.env : `ds:${ref.datastore}`;
    return Object.hasOwn(values, key) ? values[key] : undefined;
  };
}

export interface OctokitExample {
  event: string;
  payload: unknown;
}

/** Every example payload of @octokit/webhooks-examples (api.github.com), tagged with its event name. */
export function octokitExamples(): OctokitExample[] {
  const require = createRequire(import.meta.url);
  const file = require.resolve('@octokit/webhooks-examples');
  const definitions = JSON.parse(readFileSync(file, 'utf8')) as Array<{ name: string; examples: unknown[] }>;
  return definitions.flatMap((d) => d.examples.map((payload) => ({ event: d.name, payload })));
}

export const NOW = new Date('2026-11-29T03:00:00Z');
export const NOW_SECONDS = Math.floor(NOW.getTime() / 1000);
