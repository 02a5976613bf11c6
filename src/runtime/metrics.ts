// Prometheus metrics for /metrics: one registry per server (tests run several servers in one process).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface RuntimeMetrics {
  readonly registry: Registry;
  readonly requests: Counter<'route' | 'method' | 'status'>;
  readonly webhooksAccepted: Counter<'hook'>;
  readonly triggerInstances: Counter;
  readonly matchDuration: Histogram;
  /** Requests refused by a webhook options signature check, by url and failed check (src/webhooks/request.ts). */
  readonly webhookSignatureFailures: Counter<'hook' | 'check'>;
}

export function createMetrics(rulesLoaded: () => number, options: { defaultMetrics?: boolean } = {}): RuntimeMetrics {
  const registry = new Registry();
  if (options.defaultMetrics === true) collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'rules_http_requests_total',
    help: 'HTTP requests by route kind, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  });
  const webhooksAccepted = new Counter({
    name: 'rules_webhooks_accepted_total',
    help: 'Webhook requests answered 202',
    labelNames: ['hook'] as const,
    registers: [registry],
  });
  const triggerInstances = new Counter({
    name: 'rules_trigger_instances_total',
    help: 'Trigger instances committed to the store',
    registers: [registry],
  });
  const matchDuration = new Histogram({
    name: 'rules_match_duration_seconds',
    help: 'Time to match one trigger instance against its rules',
    buckets: [0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1],
    registers: [registry],
  });
  const webhookSignatureFailures = new Counter({
    name: 'rules_webhook_signature_failures_total',
    help: 'Webhook requests refused with 401 because their signature did not verify, by url and failed check',
    labelNames: ['hook', 'check'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'rules_rules_loaded',
    help: 'Rules in the rule set being served',
    registers: [registry],
    collect() {
      this.set(rulesLoaded());
    },
  });
  return { registry, requests, webhooksAccepted, triggerInstances, matchDuration, webhookSignatureFailures };
}
