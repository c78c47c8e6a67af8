import { HocuspocusProvider } from '@hocuspocus/provider';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** Which wire protocol a relay speaks. */
export type Dialect = 'y-websocket' | 'hocuspocus';

export interface Target {
  readonly name: string;
  readonly dialect: Dialect;
  /** y-websocket: the provider's serverUrl (room appended); hocuspocus: the server url. */
  readonly url: string;
  readonly pid: number;
}

// ---------------------------------------------------------------------------
// Timestamps travel inside the Yjs content: "@T<performance.now()>#". Senders
// and receivers live in the same load-generator process, so one clock.

const MARK_0 = 0x40; // '@'
const MARK_1 = 0x54; // 'T'
const MARK_END = 0x23; // '#'

/** `sender` identifies the writer: the stock relay and Hocuspocus echo updates to their sender. */
export function stamp(sender = 0): string {
  return `@T${performance.now().toFixed(3)}:${sender}#`;
}

/**
 * Calls `found(sentAt)` for every timestamp in `bytes` not written by `self`
 * (an echo of one's own update is no delivery); returns how many.
 */
export function scanStamps(bytes: Uint8Array, found: (sentAt: number) => void, self = -1): number {
  let count = 0;
  const length = bytes.length;
  for (let i = 0; i < length - 2; i++) {
    if (bytes[i] !== MARK_0 || bytes[i + 1] !== MARK_1) continue;
    // Only "@T<digits>.<digits>:<digits>#" counts: binary that happens to hold "@T" does not.
    let j = i + 2;
    let value = 0;
    let scale = 0;
    let digits = 0;
    let sender = -1;
    for (; j < length; j++) {
      const c = bytes[j] as number;
      if (c >= 48 && c <= 57) {
        digits++;
        if (sender >= 0) sender = sender * 10 + (c - 48);
        else if (scale === 0) value = value * 10 + (c - 48);
        else {
          value += (c - 48) * scale;
          scale /= 10;
        }
      } else if (c === 0x2e && scale === 0 && sender < 0) scale = 0.1;
      else if (c === 0x3a && sender < 0) sender = 0;
      else break;
    }
    if (j < length && bytes[j] === MARK_END && digits > 0 && sender >= 0) {
      if (sender !== self) {
        found(value);
        count++;
      }
      i = j;
    }
  }
  return count;
}

// ---------------------------------------------------------------------------
// Lightweight connections: the standard handshake (y-websocket: sync step 1,
// answer the relay's step 1 with step 2; hocuspocus: auth token, step 1, the
// same answers), then they only parse incoming updates. A writer owns a local
// Y.Doc that produces updates and never applies remote ones: valid concurrent
// edits, at a fraction of a full client's cost.

const SYNC = 0;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;
const HP_AUTH = 2;
const HP_SYNC_STATUS = 8;
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());

export interface LightOptions {
  readonly target: Target;
  readonly room: string;
  /** Called with each sync *update* frame received (not the initial step 2). */
  readonly onUpdate?: (frame: Uint8Array, self: LightConnection) => void;
  /** Create a local Y.Doc to send updates from. */
  readonly writer?: boolean;
}

let lightIds = 0;

export class LightConnection {
  readonly ws: WebSocket;
  readonly room: string;
  readonly doc: Y.Doc | undefined;
  private readonly dialect: Dialect;
  private readonly onUpdate: ((frame: Uint8Array, self: LightConnection) => void) | undefined;
  /** Stamps this connection writes carry; 0 is never used. */
  readonly id = ++lightIds;
  private step2s = 0;
  private acks = 0;
  /** Hocuspocus acknowledges each step 2 and update it receives. */
  private acksExpected = 0;
  private waiters: Array<() => void> = [];
  readonly opened: Promise<void>;
  readonly closed: Promise<void>;

  constructor(options: LightOptions) {
    this.dialect = options.target.dialect;
    this.room = options.room;
    this.onUpdate = options.onUpdate;
    const url =
      this.dialect === 'hocuspocus'
        ? options.target.url
        : `${options.target.url}/${encodeURIComponent(options.room)}`;
    this.ws = new WebSocket(url, { perMessageDeflate: false });
    this.ws.binaryType = 'nodebuffer';
    if (options.writer === true) {
      this.doc = new Y.Doc();
      this.doc.on('update', (update: Uint8Array) => this.sendSync(UPDATE, update));
    }
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => {
        if (this.dialect === 'hocuspocus') {
          const auth = this.encoder();
          encoding.writeVarUint(auth, HP_AUTH);
          encoding.writeVarUint(auth, 0); // token
          encoding.writeVarString(auth, '');
          this.ws.send(encoding.toUint8Array(auth));
        }
        this.sendSync(STEP1, this.stateVector());
        resolve();
      });
      this.ws.once('error', reject);
    });
    this.closed = new Promise((resolve) => this.ws.once('close', () => resolve()));
    this.ws.on('message', (data: Buffer) => this.receive(data));
    this.ws.on('error', () => undefined);
  }

  /** Resolves once the relay has answered our sync step 1. */
  synced(timeoutMs = 20_000): Promise<void> {
    return this.until(() => this.step2s >= 1, timeoutMs);
  }

  /** Sets `key` to `value` in the local doc: one update message. */
  write(key: string, value: string): void {
    this.doc?.getMap('m').set(key, value);
  }

  /** Writes a fresh timestamp under `key`. */
  writeStamp(key: string): void {
    this.write(key, stamp(this.id));
  }

  /**
   * Resolves once the relay has processed everything sent so far: y-websocket
   * relays answer a later sync step 1 after earlier updates (they process a
   * connection's messages in order); hocuspocus acknowledges each update.
   */
  barrier(timeoutMs = 20_000): Promise<void> {
    if (this.dialect === 'hocuspocus') {
      const expected = this.acksExpected;
      return this.until(() => this.acks >= expected, timeoutMs);
    }
    const expected = this.step2s + 1;
    this.sendSync(STEP1, this.stateVector());
    return this.until(() => this.step2s >= expected, timeoutMs);
  }

  close(): Promise<void> {
    this.ws.close();
    return this.closed;
  }

  private stateVector(): Uint8Array {
    return this.doc === undefined ? Uint8Array.of(0) : Y.encodeStateVector(this.doc);
  }

  private encoder(): encoding.Encoder {
    const enc = encoding.createEncoder();
    if (this.dialect === 'hocuspocus') encoding.writeVarString(enc, this.room);
    return enc;
  }

  private sendSync(kind: number, payload: Uint8Array): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    if (kind !== STEP1) this.acksExpected++;
    const enc = this.encoder();
    encoding.writeVarUint(enc, SYNC);
    encoding.writeVarUint(enc, kind);
    encoding.writeVarUint8Array(enc, payload);
    this.ws.send(encoding.toUint8Array(enc));
  }

  private receive(data: Buffer): void {
    const dec = decoding.createDecoder(data);
    if (this.dialect === 'hocuspocus') decoding.readVarString(dec);
    const type = decoding.readVarUint(dec);
    if (type === SYNC) {
      const kind = decoding.readVarUint(dec);
      if (kind === UPDATE) {
        this.onUpdate?.(data, this);
      } else if (kind === STEP1) {
        const stateVector = decoding.readVarUint8Array(dec);
        const answer =
          this.doc === undefined ? EMPTY_UPDATE : Y.encodeStateAsUpdate(this.doc, stateVector);
        this.sendSync(STEP2, answer);
      } else if (kind === STEP2) {
        this.step2s++;
        this.wake();
      }
    } else if (this.dialect === 'hocuspocus' && type === HP_SYNC_STATUS) {
      this.acks++;
      this.wake();
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  private until(done: () => boolean, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.ws.terminate();
        reject(new Error(`timeout waiting for the relay (room ${this.room})`));
      }, timeoutMs);
      const check = (): void => {
        if (done()) {
          clearTimeout(timer);
          resolve();
        } else this.waiters.push(check);
      };
      check();
    });
  }
}

// ---------------------------------------------------------------------------
// Standard clients: the y-websocket WebsocketProvider (our relay, the stock
// one) and the HocuspocusProvider, each on a full Y.Doc.

export interface StandardClient {
  readonly doc: Y.Doc;
  synced(timeoutMs?: number): Promise<void>;
  /** Calls back with each remote update applied to the doc. */
  onRemoteUpdate(listener: (update: Uint8Array) => void): void;
  destroy(): void;
}

export function standardClient(target: Target, room: string): StandardClient {
  const doc = new Y.Doc();
  if (target.dialect === 'hocuspocus') {
    // The provider hands its configuration to the websocket it creates, which
    // takes the WebSocket implementation (Node 20 has no global WebSocket).
    const configuration = {
      url: target.url,
      name: room,
      document: doc,
      token: '',
      WebSocketPolyfill: WebSocket,
    } as unknown as ConstructorParameters<typeof HocuspocusProvider>[0];
    const provider = new HocuspocusProvider(configuration);
    return {
      doc,
      synced: (timeoutMs = 20_000) =>
        waitFor(
          () => provider.isSynced,
          (wake) => provider.on('synced', wake),
          timeoutMs,
          room,
        ),
      onRemoteUpdate: (listener) =>
        doc.on('update', (update: Uint8Array, origin: unknown) => {
          if (origin === provider) listener(update);
        }),
      destroy: () => provider.destroy(),
    };
  }
  const provider = new WebsocketProvider(target.url, room, doc, {
    // biome-ignore lint/suspicious/noExplicitAny: ws implements the browser WebSocket API
    WebSocketPolyfill: WebSocket as any,
    disableBc: true,
  });
  return {
    doc,
    synced: (timeoutMs = 20_000) =>
      waitFor(
        () => provider.synced,
        (wake) => provider.on('sync', (state: boolean) => state && wake()),
        timeoutMs,
        room,
      ),
    onRemoteUpdate: (listener) =>
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === provider) listener(update);
      }),
    destroy: () => provider.destroy(),
  };
}

function waitFor(
  done: () => boolean,
  subscribe: (wake: () => void) => void,
  timeoutMs: number,
  room: string,
): Promise<void> {
  if (done()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sync timeout (room ${room})`)), timeoutMs);
    subscribe(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Runs `task` over `items` with at most `concurrency` in flight. */
export async function pool<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
