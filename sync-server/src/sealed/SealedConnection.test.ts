import { EventEmitter } from 'node:events';
import {
  authPayload,
  decodeSealed,
  encodeSealed,
  generateDeviceKeys,
  InMemoryRoomStore,
  newInMemoryRoomStoreData,
  type RoomStore,
  SealedTag,
  signBytes,
} from '@ensemble/shared';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { silentLogger } from '../log';
import { DEFAULT_LIMITS } from '../relay/limits';
import { serveSealed } from './SealedConnection';
import { SealedHub } from './SealedHub';

/** A store whose loads wait until released (the community is still loading). */
function gatedLoads(): { store: RoomStore; open: () => void } {
  const inner = new InMemoryRoomStore(newInMemoryRoomStoreData());
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const store = new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      if (prop === 'load' || prop === 'loadMeta') {
        return async (...args: unknown[]) => {
          await gate;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return value.bind(target);
    },
  });
  return { store, open };
}

/** Just enough of a ws socket for serveSealed. */
class FakeSocket extends EventEmitter {
  readyState = 1;
  readonly OPEN = 1;
  readonly CONNECTING = 0;
  readonly sent: Uint8Array[] = [];
  send(frame: Uint8Array): void {
    this.sent.push(frame);
  }
  close(): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.emit('close');
  }
}

describe('sealed connection', () => {
  it('[SEAL19] a socket that closes while its community loads leaves nothing behind (no peer, community released)', async () => {
    const { store, open } = gatedLoads();
    const hub = new SealedHub(store);
    const ws = new FakeSocket();
    const community = 'sealed-conn-0001';
    serveSealed(ws as unknown as WebSocket, community, {
      hub,
      log: silentLogger,
      limits: DEFAULT_LIMITS,
    });
    const challenge = decodeSealed(ws.sent[0] as Uint8Array);
    if (!challenge.ok || challenge.value.tag !== SealedTag.Challenge)
      throw new Error('no challenge');
    const keys = await generateDeviceKeys();
    const signature = await signBytes(keys, authPayload(community, challenge.value.nonce));
    ws.emit(
      'message',
      Buffer.from(
        encodeSealed({
          tag: SealedTag.Auth,
          device: keys.signPublic,
          signature,
          knownOps: 0,
          knownEnvelopes: 0,
        }),
      ),
      true,
    );
    await expect.poll(() => hub.communities).toBe(1); // loading
    ws.close();
    open();
    await expect.poll(() => hub.communities).toBe(0);
    expect(hub.peers(community)).toEqual([]);
  });
});
