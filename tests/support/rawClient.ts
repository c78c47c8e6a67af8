import { WebSocket } from 'ws';

/** A bare websocket into the relay that records every frame it receives. */
export interface RawClient {
  readonly ws: WebSocket;
  readonly frames: Uint8Array[];
  /** Resolves with the close code and reason (1006 when the socket just dropped). */
  readonly closed: Promise<{ code: number; reason: string }>;
  /** Resolves on open; rejects if the socket fails first. */
  readonly opened: Promise<void>;
  isOpen(): boolean;
  /** Bytes received in frames whose first varuint is `messageType` (0 sync, 1 awareness, 2 auth). */
  bytesOfType(messageType: number): number;
  send(frame: Uint8Array): void;
  close(): void;
}

export function rawClient(url: string, protocols: readonly string[] = []): RawClient {
  const ws = new WebSocket(url, [...protocols]);
  const frames: Uint8Array[] = [];
  ws.on('message', (data) => frames.push(new Uint8Array(data as Buffer)));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  opened.catch(() => undefined);
  ws.on('error', () => undefined);
  return {
    ws,
    frames,
    closed,
    opened,
    isOpen: () => ws.readyState === WebSocket.OPEN,
    bytesOfType: (messageType) =>
      frames.filter((f) => f[0] === messageType).reduce((sum, f) => sum + f.byteLength, 0),
    send: (frame) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(frame);
    },
    close: () => ws.close(),
  };
}

/** Reads one metric sample from Prometheus text: `name` or `name{label="value"}`. */
export function metricValue(text: string, sample: string): number {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    if (line.slice(0, space) === sample) return Number(line.slice(space + 1));
  }
  return 0;
}

export async function fetchMetrics(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/metrics`);
  if (!res.ok) throw new Error(`/metrics answered ${res.status}`);
  return res.text();
}
