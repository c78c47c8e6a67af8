import {
  type CloseInfo,
  decodeSealed,
  formatSubprotocol,
  PROTOCOL_VERSION,
  ReconnectScheduler,
  SEALED_PATH_PREFIX,
  type SealedReplica,
} from '@ensemble/shared';

/** The subset of the browser WebSocket used here (the `ws` package fits it in Node tests). */
export interface SocketLike {
  binaryType: string;
  onopen: (() => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: (() => void) | null;
  send(data: Uint8Array): void;
  close(): void;
}
export type SocketFactory = (url: string, protocols: string[]) => SocketLike;

export interface SealedSocket {
  /** Stops reconnecting and closes (leaving the community screen). */
  close(): void;
}

/**
 * Keeps a SealedReplica connected to `/sealed/<community>` on a relay (issue 12), with the
 * app's reconnect backoff and jitter. A permanent refusal (4403 "removed" or "not a
 * member") stops retrying and is reported: the UI says "vous n'êtes plus membre".
 * `relayBase`: the relay's ws(s):// origin, no path.
 */
export function connectSealed(
  relayBase: string,
  community: string,
  replica: SealedReplica,
  options: {
    readonly socket?: SocketFactory;
    readonly onStopped?: (close: CloseInfo) => void;
  } = {},
): SealedSocket {
  const factory: SocketFactory =
    options.socket ?? ((url, protocols) => new WebSocket(url, protocols) as unknown as SocketLike);
  let current: SocketLike | undefined;
  const url = `${relayBase.replace(/\/+$/, '')}${SEALED_PATH_PREFIX}${community}`;
  const connect = () => {
    const ws = factory(url, [formatSubprotocol(PROTOCOL_VERSION)]);
    current = ws;
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => replica.connected((frame) => ws.send(frame));
    ws.onmessage = (event) => {
      const data = event.data;
      const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : (data as Uint8Array);
      const decoded = decodeSealed(bytes);
      if (decoded.ok) {
        scheduler.onOpened();
        void replica.receive(decoded.value);
      } else ws.close();
    };
    ws.onclose = (event) => {
      if (current !== ws) return;
      current = undefined;
      replica.disconnected();
      scheduler.onClosed({ code: event.code, reason: event.reason });
    };
    ws.onerror = () => undefined;
  };
  const scheduler: ReconnectScheduler = new ReconnectScheduler({
    connect,
    timers: {
      setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
      clearTimeout: (handle) => globalThis.clearTimeout(handle as number),
    },
    ...(options.onStopped === undefined ? {} : { onStopped: options.onStopped }),
  });
  connect();
  return {
    close: () => {
      scheduler.stop();
      const ws = current;
      current = undefined;
      ws?.close();
      replica.disconnected();
    },
  };
}
