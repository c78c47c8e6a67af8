import type { IncomingMessage, ServerResponse } from 'node:http';
import { describeError, type Logger } from '../log';
import { PROMETHEUS_CONTENT_TYPE } from '../metrics/prometheus';
import { serveStatic } from './staticFiles';

export interface HealthReport {
  readonly ok: boolean;
  readonly uptime: number;
  readonly roomsActive: number;
  readonly connections: number;
  readonly protocolVersion: number;
  readonly unknownMessages: number;
  readonly malformedMessages: number;
  readonly refusedConnections: number;
}

export interface RequestHandlerOptions {
  readonly staticDir: string | null;
  readonly health: () => HealthReport;
  /** Prometheus text for /metrics. */
  readonly metrics: () => string;
  readonly log: Logger;
}

/** Plain HTTP on the relay port: /healthz, /metrics, then the static PWA. */
export function createRequestHandler(
  options: RequestHandlerOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      const body = JSON.stringify(options.health());
      res.writeHead(200, {
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
