import {
  createGenesis,
  encodeRecord,
  generateDeviceKeys,
  InMemoryRoomStore,
  newInMemoryRoomStoreData,
  type RoomStore,
} from '@ensemble/shared';
import { describe, expect, it } from 'vitest';
import { SealedHub } from './SealedHub';

/** A store whose appends wait until released. */
function slowStore(): { store: RoomStore; release: () => void } {
  const inner = new InMemoryRoomStore(newInMemoryRoomStoreData());
  let open: () => void = () => undefined;
  const gate = new Promise<void>((r) => {
    open = r;
  });
  const store = new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'append') {
        return async (room: string, update: Uint8Array) => {
          await gate;
          return target.append(room, update);
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store, release: open };
}

describe('sealed hub', () => {
  it('[SEAL20] a community is not reloaded while a write of its last connection is in flight', async () => {
    const { store, release } = slowStore();
    const hub = new SealedHub(store);
    const id = 'community-0123456789';
    const keys = await generateDeviceKeys();
    const first = await hub.acquire(id);
    const { op } = await createGenesis(keys, id, 1, Date.now());
    const appending = first.appendOp(encodeRecord(op), Date.now());
    hub.release(id); // the last connection leaves while the write waits
    const second = await hub.acquire(id);
    expect(second).toBe(first); // same instance: it sees the write once it lands
    release();
    expect((await appending).ok).toBe(true);
    expect(second.state?.seq).toBe(0);
    hub.release(id);
    await first.queue.idle();
    await new Promise((r) => setTimeout(r, 0));
    expect(hub.communities).toBe(0);
    const reloaded = await hub.acquire(id);
    expect(reloaded).not.toBe(first);
    expect(reloaded.state?.seq).toBe(0);
  });
});
