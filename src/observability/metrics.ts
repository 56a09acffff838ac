import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Database, QueryObserver } from '../data/database.js';
import { DomainError } from '../domain/errors.js';
import { routeLabel } from './route-label.js';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

let processRegistry: Registry | undefined;

/** Process metrics (CPU, memory, event loop, GC) are collected once per process, whatever the number of apps. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** Prometheus metrics of one app: HTTP latency per route pattern, Neo4j query durations, queries in flight. */
export class Metrics {
  private readonly own = new Registry();
  readonly registry: Registry;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly httpInFlight: Gauge;
  readonly queryDuration: Histogram<'query' | 'mode' | 'outcome'>;
  readonly queriesInFlight: Gauge<'mode'>;
  readonly rateLimited: Counter<'limit'>;

  constructor() {
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from request to response, by method, Express route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.own],
    });
    this.httpInFlight = new Gauge({ name: 'http_requests_in_flight', help: 'Requests being answered', registers: [this.own] });
    this.queryDuration = new Histogram({
      name: 'neo4j_query_duration_seconds',
      help: 'Time of each Cypher query in its transaction, by query name (graph/queries file, composed search, schema file or console), access mode and outcome',
      labelNames: ['query', 'mode', 'outcome'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.own],
    });
    this.queriesInFlight = new Gauge({
      name: 'neo4j_queries_in_flight',
      help: 'Queries running now, by access mode (each holds a pooled connection; the pool has 50)',
      labelNames: ['mode'],
      registers: [this.own],
    });
    this.rateLimited = new Counter({
      name: 'http_rate_limited_total',
      help: 'Requests refused with 429 by a rate limit',
      labelNames: ['limit'],
      registers: [this.own],
    });
    this.registry = Registry.merge([processMetrics(), this.own]);
  }

  /** Times every request; the route label is read when the response is done, once the route has matched. */
  readonly middleware: RequestHandler = (req, res, next) => {
    const end = this.httpDuration.startTimer();
    this.httpInFlight.inc();
    let counted = false;
    const done = () => {
      if (counted) return;
      counted = true;
      this.httpInFlight.dec();
      end({ method: METHODS.has(req.method) ? req.method : 'OTHER', route: routeLabel(req), status: String(res.statusCode) });
    };
    res.once('finish', done);
    res.once('close', done);
    next();
  };

  /** The Database hook: one observation per query. */
  readonly observeQuery: QueryObserver = (name, mode) => {
    const end = this.queryDuration.startTimer({ query: name, mode: mode.toLowerCase() });
    this.queriesInFlight.inc({ mode: mode.toLowerCase() });
    return (ok) => {
      this.queriesInFlight.dec({ mode: mode.toLowerCase() });
      end({ outcome: ok ? 'ok' : 'error' });
    };
  };

  /** Measures the queries of this Database (an app's own; a second app on it takes over). */
  watch(db: Database): void {
    db.onQuery = this.observeQuery;
  }
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

/**
 * GET /metrics in Prometheus' text format. With a token configured it needs `Authorization: Bearer
 * <token>`; without one, only a client on this machine may read it, and not through a proxy.
 */
export function metricsEndpoint(metrics: Metrics, token: string | undefined): RequestHandler {
  const expected = token ? Buffer.from(`Bearer ${token}`) : undefined;
  return async (req, res, next) => {
    res.set('Cache-Control', 'no-store');
    if (expected) {
      const sent = Buffer.from(req.get('authorization') ?? '');
      if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
        res.set('WWW-Authenticate', 'Bearer realm="metrics"');
        return next(new DomainError('unauthenticated', 'Metrics need "Authorization: Bearer <METRICS_TOKEN>".'));
      }
    } else {
      const proxied = req.get('x-forwarded-for') ?? req.get('forwarded') ?? req.get('x-real-ip');
      if (!isLoopback(req.socket.remoteAddress) || proxied) {
        return next(new DomainError('forbidden', 'Metrics are open only to this machine; set METRICS_TOKEN to read them from elsewhere.'));
      }
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}
