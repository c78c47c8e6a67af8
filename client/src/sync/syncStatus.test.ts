import { describe, expect, it } from 'vitest';
import {
  type ConnectionEvent,
  type ConnectionFacts,
  FAILURES_BEFORE_OFFLINE,
  initialFacts,
  reduceConnection,
  SyncState,
  syncStateOf,
} from './syncStatus';

const run = (events: ConnectionEvent[], from: ConnectionFacts = initialFacts) =>
  events.reduce(reduceConnection, from);

describe('sync status', () => {
  it('goes connecting → syncing → synced on a healthy connection', () => {
    const connecting = run([{ type: 'socket', status: 'connecting' }]);
    expect(syncStateOf(connecting)).toBe(SyncState.connecting);
    const open = reduceConnection(connecting, { type: 'socket', status: 'connected' });
    expect(syncStateOf(open)).toBe(SyncState.syncing);
    expect(syncStateOf(reduceConnection(open, { type: 'sync', synced: true }))).toBe(
      SyncState.synced,
    );
  });

  it('is offline whenever the browser says so, whatever the socket', () => {
    const synced = run([
      { type: 'socket', status: 'connected' },
      { type: 'sync', synced: true },
    ]);
    expect(syncStateOf(reduceConnection(synced, { type: 'network', online: false }))).toBe(
      SyncState.offline,
    );
    const back = run(
      [
        { type: 'network', online: false },
        { type: 'network', online: true },
      ],
      synced,
    );
    expect(syncStateOf(back)).toBe(SyncState.synced);
  });

  it('is never "synced" after the socket drops, until the relay answers again', () => {
    const facts = run([
      { type: 'socket', status: 'connected' },
      { type: 'sync', synced: true },
      { type: 'close' },
      { type: 'socket', status: 'connecting' },
      { type: 'socket', status: 'connected' },
    ]);
    expect(syncStateOf(facts)).toBe(SyncState.syncing);
  });

  it('says the relay is unreachable after repeated failed attempts (not "offline": the network is up), and recovers on sync', () => {
    let facts = initialFacts;
    for (let i = 0; i < FAILURES_BEFORE_OFFLINE - 1; i++) {
      facts = run([{ type: 'socket', status: 'connecting' }, { type: 'close' }], facts);
      expect(syncStateOf(facts)).toBe(SyncState.connecting);
    }
    facts = run([{ type: 'socket', status: 'connecting' }, { type: 'close' }], facts);
    expect(syncStateOf(facts)).toBe(SyncState.unreachable);
    expect(syncStateOf(reduceConnection(facts, { type: 'network', online: false }))).toBe(
      SyncState.offline,
    );
    facts = run(
      [
        { type: 'socket', status: 'connected' },
        { type: 'sync', synced: true },
      ],
      facts,
    );
    expect(facts.failures).toBe(0);
    expect(syncStateOf(facts)).toBe(SyncState.synced);
  });

  it('says "refused" when the relay refuses for good, until a deliberate reconnect', () => {
    const refused = run([{ type: 'refused', code: 4403, reason: 'forbidden' }]);
    expect(syncStateOf(refused)).toBe(SyncState.refused);
    expect(syncStateOf(reduceConnection(refused, { type: 'reconnect' }))).toBe(
      SyncState.connecting,
    );
  });

  it('says the app is too old when the relay no longer speaks its protocol (4426)', () => {
    const tooOld = run([
      { type: 'socket', status: 'connecting' },
      { type: 'refused', code: 4426, reason: 'client-too-old' },
      { type: 'close' },
    ]);
    expect(syncStateOf(tooOld)).toBe(SyncState.tooOld);
  });
});
