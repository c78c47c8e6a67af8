import type { Redis } from 'ioredis';
import { describeError, type Logger } from '../log';
import { decodeEntries, type UpdateEntry } from './ClusterRoomStore';
import { compareStreamIds, formatStreamId, type StreamId } from './streamIds';

/** One room the fan-out reads: its stream key and the last entry delivered. */
interface Subscription {
  readonly key: string;
  cursor: StreamId;
  readonly deliver: (updates: Uint8Array[]) => void;
  /**
   * Entries this reader had not read were trimmed by a compaction: the room
   * reloads row + stream (catchUp answers with the new cursor via setCursor).
   */
  readonly catchUp: () => void;
  /** The room's stream cannot be read (wrong type, bad id): the room is dropped. */
  readonly broken: (error: unknown) => void;
}

export type FanoutHealth = 'ok' | 'reconnecting';

/** How long one XREAD blocks; a new subscription interrupts it (CLIENT UNBLOCK). */
const BLOCK_MS = 5_000;
const BATCH = 512;

/**
 * Reads the streams of every room this relay holds with ONE blocking XREAD
 * on its own connection and hands each room the entries other relays wrote
 * (entries of this relay are skipped: the room already broadcast them).
 *
 * Failures are contained: a room whose stream makes XREAD fail (the known
 * y-redis failure, where one bad stream stopped fan-out for every room) is
 * found by reading each stream alone, reported and dropped; the others go
 * on. A lost connection is retried with backoff and reported (health,
 * reconnect counter) until it reads again; cursors are kept, so nothing is
 * skipped.
 */
export class StreamFanout {
  private readonly reader: Redis;
  private readonly origin: string;
  private readonly log: Logger;
  private readonly unblock: (clientId: number) => Promise<unknown>;
  private readonly subscriptions = new Map<string, Subscription>();
  private readerId: number | undefined;
  private wake: (() => void) | undefined;
  private stopped = false;
  private running: Promise<void> | undefined;
  health: FanoutHealth = 'ok';
  reconnects = 0;
  brokenStreams = 0;

  constructor(options: {
    readonly reader: Redis;
    readonly origin: string;
    readonly log: Logger;
    /** Interrupts the reader's XREAD (sent on another connection). */
    readonly unblock: (clientId: number) => Promise<unknown>;
  }) {
    this.reader = options.reader;
    this.origin = options.origin;
    this.log = options.log;
    this.unblock = options.unblock;
    this.reader.on('error', () => undefined);
  }

  start(): void {
    this.running ??= this.loop();
  }

  add(
    room: string,
    key: string,
    cursor: StreamId,
    handlers: Pick<Subscription, 'deliver' | 'catchUp' | 'broken'>,
  ): void {
    this.subscriptions.set(room, { key, cursor, ...handlers });
    this.interrupt();
  }

  remove(room: string): void {
    this.subscriptions.delete(room);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.interrupt();
    this.reader.disconnect();
    await this.running;
  }

  private interrupt(): void {
    this.wake?.();
    if (this.readerId !== undefined) this.unblock(this.readerId).catch(() => undefined);
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      if (this.subscriptions.size === 0) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
        this.wake = undefined;
        continue;
      }
      const subs = [...this.subscriptions.entries()];
      try {
        if (this.readerId === undefined) {
          this.readerId = Number(await this.reader.client('ID'));
          await this.reader.client('SETNAME', 'ensemble-fanout');
        }
        const reply = await this.read(subs, true);
        if (this.health !== 'ok') {
          this.health = 'ok';
          this.log.info('cluster.fanout_reconnected', { reconnects: this.reconnects });
        }
        failures = 0;
        this.deliver(subs, reply);
      } catch (error) {
        if (this.stopped) return;
        // A failure of the isolation itself (the connection went) is handled below.
        if (
          isCommandError(error) &&
          (await this.isolate(subs).then(
            () => true,
            () => false,
          ))
        ) {
          continue;
        }
        this.readerId = undefined;
        if (this.health === 'ok') {
          this.health = 'reconnecting';
          this.reconnects += 1;
          this.log.error('cluster.fanout_disconnected', { error: describeError(error) });
        }
        failures += 1;
        await sleep(Math.min(50 * 2 ** failures, 1_000));
      }
    }
  }

  private async read(
    subs: readonly [string, Subscription][],
    block: boolean,
  ): Promise<[Buffer, [Buffer, Buffer[]][]][] | null> {
    const keys = subs.map(([, sub]) => sub.key);
    const ids = subs.map(([, sub]) => formatStreamId(sub.cursor));
    const args = block ? ['BLOCK', BLOCK_MS] : [];
    // RESP2 reply: [[key, [[id, [field, value, ...]], ...]], ...] or null.
    return (await this.reader.xreadBuffer(
      'COUNT',
      BATCH,
      ...(args as ['BLOCK', number]),
      'STREAMS',
      ...keys,
      ...ids,
    )) as [Buffer, [Buffer, Buffer[]][]][] | null;
  }

  /** XREAD failed for a reason of its input: read each stream alone, drop the failing ones. */
  private async isolate(subs: readonly [string, Subscription][]): Promise<void> {
    for (const entry of subs) {
      const [room, sub] = entry;
      if (this.subscriptions.get(room) !== sub) continue;
      try {
        this.deliver([entry], await this.read([entry], false));
      } catch (error) {
        if (!isCommandError(error)) throw error;
        this.brokenStreams += 1;
        this.subscriptions.delete(room);
        this.log.error('cluster.stream_broken', { room, error: describeError(error) });
        sub.broken(error);
      }
    }
  }

  private deliver(
    subs: readonly [string, Subscription][],
    reply: [Buffer, [Buffer, Buffer[]][]][] | null,
  ): void {
    if (reply === null) return;
    const byKey = new Map(subs.map(([room, sub]) => [sub.key, { room, sub }]));
    for (const [rawKey, rawEntries] of reply) {
      const target = byKey.get(rawKey.toString('utf8'));
      if (target === undefined || this.subscriptions.get(target.room) !== target.sub) continue;
      const entries = decodeEntries(rawEntries);
      const last = entries.at(-1);
      if (last === undefined) continue;
      const { sub } = target;
      const before = sub.cursor;
      sub.cursor = last.id;
      // A compaction trimmed entries this reader had not read yet: catch up from the row.
      const behind = entries.some(
        (entry) => entry.kind === 'compacted' && compareStreamIds(entry.upto, before) > 0,
      );
      if (behind) {
        sub.catchUp();
        continue;
      }
      const remote = entries.filter(
        (entry): entry is UpdateEntry => entry.kind === 'update' && entry.origin !== this.origin,
      );
      if (remote.length > 0) sub.deliver(remote.map((entry) => entry.update));
    }
  }
}

/** A Redis error reply (WRONGTYPE, ERR Invalid stream ID...) rather than a lost connection. */
function isCommandError(error: unknown): boolean {
  return error instanceof Error && error.name === 'ReplyError';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
