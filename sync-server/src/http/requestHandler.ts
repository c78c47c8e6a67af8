import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClusterHealth } from '../cluster/ClusterFeed';
import { describeError, type Logger } from '../log';
import { PROMETHEUS_CONTENT_TYPE } from '../metrics/prometheus';
import { serveStatic } from './staticFiles';

export interface HealthReport {
  /** False while shutting down or when the store can no longer write (then HTTP 503). */
  readonly ok: boolean;
  /** `ok`, or why the store cannot write (`lock-lost`: another relay took the data dir). */
  readonly store: 'ok' | 'lock-lost';
  readonly uptime: number;
  readonly roomsActive: number;
  readonly connections: number;
  readonly protocolVersion: number;
  readonly unknownMessages: number;
  readonly malformedMessages: number;
  readonly refusedConnections: number;
  /** Cluster mode only: which of Redis, Postgres and the fan-out is down. */
  readonly cluster?: ClusterHealth;
}

export interface RequestHandlerOptions {
  readonly staticDir: string | null;
  readonly health: () => HealthReport;
  /** Prometheus text for /metrics. */
  readonly metrics: () => string;
  readonly log: Logger;
  /** Photos and files: answers `/blobs/...` requests (returns false for other paths). */
  readonly blobs?: (req: IncomingMessage, res: ServerResponse, path: string) => boolean;
}

/** Plain HTTP on the relay port: /healthz, /metrics, then the static PWA. */
export function createRequestHandler(
  options: RequestHandlerOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (options.blobs?.(req, res, path)) return;
    if (path === '/healthz') {
      const report = options.health();
      const body = JSON.stringify(report);
      // A failing health check (load balancers, orchestrators) needs a failing status.
      res.writeHead(report.ok ? 200 : 503, {
        'Content-Type': 'application/json; charset=utf-8',
        'Cache-Control': 'no-store',
      });
      res.end(body);
      return;
    }
    if (path === '/metrics') {
      res.writeHead(200, {
        'Content-Type': PROMETHEUS_CONTENT_TYPE,
        'Cache-Control': 'no-store',
      });
      res.end(options.metrics());
      return;
    }
    if (options.staticDir === null) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found\n');
      return;
    }
    serveStatic(req, res, options.staticDir).catch((error: unknown) => {
      options.log.error('http.static_failed', { path, error: describeError(error) });
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  };
}
