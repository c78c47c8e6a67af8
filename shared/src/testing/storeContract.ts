import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RoomStore } from '../store/RoomStore';

/**
 * Where a contract test keeps its store. `open()` may be called again after
 * `close()` and must reopen the same location (durability checks).
 */
export interface RoomStoreHarness {
  open(): Promise<RoomStore>;
  /** Removes the location; called after each test. */
  dispose(): Promise<void>;
}

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const numbered = (n: number): Uint8Array => bytes(n & 0xff, (n >> 8) & 0xff, 7);
const plain = (updates: readonly Uint8Array[]): number[][] => updates.map((u) => [...u]);

/** The behaviour every RoomStore implementation must have. Run it from a *.test.ts. */
export function runRoomStoreContract(
  name: string,
  makeHarness: () => RoomStoreHarness | Promise<RoomStoreHarness>,
): void {
  describe(`RoomStore contract: ${name}`, () => {
    let harness: RoomStoreHarness;
    let store: RoomStore;

    const reopen = async (): Promise<RoomStore> => {
      await store.close();
      store = await harness.open();
      return store;
    };

    beforeEach(async () => {
      harness = await makeHarness();
      store = await harness.open();
    });

    afterEach(async () => {
      await store.close();
      await harness.dispose();
    });

    it('[STORE1] loads [] for a room never written', async () => {
      expect(await store.load('never')).toEqual([]);
      expect(await store.list()).toEqual([]);
    });

    it('[STORE2] keeps appends in call order, also when not awaited one by one', async () => {
      await Promise.all(Array.from({ length: 300 }, (_, i) => store.append('r', numbered(i))));
      const loaded = await store.load('r');
      expect(plain(loaded)).toEqual(Array.from({ length: 300 }, (_, i) => [...numbered(i)]));
    });

    it('[STORE3] keeps bytes exactly: every byte value, empty, large, offset views', async () => {
      const every = Uint8Array.from({ length: 256 }, (_, i) => i);
      const large = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 31) & 0xff);
      const backing = bytes(9, 9, 1, 2, 3, 9, 9);
      const view = backing.subarray(2, 5);
      for (const update of [every, new Uint8Array(0), large, view])
        await store.append('bin', update);
      backing.fill(0);
      const loaded = await store.load('bin');
      expect(plain(loaded)).toEqual([[...every], [], [...large], [1, 2, 3]]);
      loaded[0]?.fill(0);
      expect([...((await store.load('bin'))[0] ?? [])]).toEqual([...every]);
    });

    it('[STORE4] survives close and reopen, and appends after reopen come last', async () => {
      await store.append('d', bytes(1));
      await store.append('d', bytes(2));
      await reopen();
      expect(plain(await store.load('d'))).toEqual([[1], [2]]);
      await store.append('d', bytes(3));
      await reopen();
      expect(plain(await store.load('d'))).toEqual([[1], [2], [3]]);
    });

    it('[STORE5] replaceMerged replaces the first n updates and keeps the rest', async () => {
      for (let i = 1; i <= 5; i++) await store.append('m', bytes(i));
      await store.replaceMerged('m', bytes(1, 2, 3), 3);
      expect(plain(await store.load('m'))).toEqual([[1, 2, 3], [4], [5]]);
      await reopen();
      expect(plain(await store.load('m'))).toEqual([[1, 2, 3], [4], [5]]);
      await store.append('m', bytes(6));
      expect(plain(await store.load('m'))).toEqual([[1, 2, 3], [4], [5], [6]]);
    });

    it('[STORE6] replaceMerged keeps updates appended while it runs, in order', async () => {
      for (let i = 1; i <= 3; i++) await store.append('i', bytes(i));
      const count = (await store.load('i')).length;
      const pending = [
        store.append('i', bytes(4)),
        store.replaceMerged('i', bytes(1, 2, 3), count),
        store.append('i', bytes(5)),
      ];
      await Promise.all(pending);
      expect(plain(await store.load('i'))).toEqual([[1, 2, 3], [4], [5]]);
      await store.replaceMerged('i', bytes(1, 2, 3, 4, 5), 3);
      await reopen();
      expect(plain(await store.load('i'))).toEqual([[1, 2, 3, 4, 5]]);
    });

    it('[STORE7] replaceMerged rejects a bad count and changes nothing', async () => {
      await store.append('x', bytes(1));
      await store.append('x', bytes(2));
      await expect(store.replaceMerged('x', bytes(9), 3)).rejects.toThrow();
      await expect(store.replaceMerged('x', bytes(9), 0)).rejects.toThrow();
      await expect(store.replaceMerged('empty', bytes(9), 1)).rejects.toThrow();
      expect(plain(await store.load('x'))).toEqual([[1], [2]]);
      expect(await store.load('empty')).toEqual([]);
    });

    it('[STORE8] isolates rooms, including ids that prefix each other', async () => {
      const rooms = ['a', 'a0', 'a-', 'a_b', 'A', 'b'];
      for (const [i, room] of rooms.entries()) {
        await store.append(room, bytes(i));
        await store.append(room, bytes(i, i));
      }
      await store.replaceMerged('a', bytes(0, 0, 0), 2);
      for (const [i, room] of rooms.entries()) {
        const expected = room === 'a' ? [[0, 0, 0]] : [[i], [i, i]];
        expect(plain(await store.load(room))).toEqual(expected);
      }
    });

    it('[STORE9] lists rooms with updates; delete removes one room only', async () => {
      for (const room of ['r1', 'r2', 'r3']) await store.append(room, bytes(1));
      expect((await store.list()).sort()).toEqual(['r1', 'r2', 'r3']);
      await store.delete('r2');
      expect((await store.list()).sort()).toEqual(['r1', 'r3']);
      expect(await store.load('r2')).toEqual([]);
      expect(plain(await store.load('r1'))).toEqual([[1]]);
      await store.append('r2', bytes(5));
      await reopen();
      expect(plain(await store.load('r2'))).toEqual([[5]]);
      expect((await store.list()).sort()).toEqual(['r1', 'r2', 'r3']);
    });

    it('[STORE10] rejects calls after close', async () => {
      await store.close();
      await expect(store.load('r')).rejects.toThrow();
      await expect(store.append('r', bytes(1))).rejects.toThrow();
      await expect(store.loadMeta('r')).rejects.toThrow();
      await expect(store.saveMeta('r', bytes(1))).rejects.toThrow();
      store = await harness.open();
    });

    it('[STORE11] metadata: undefined until saved, exact bytes, overwritten, durable', async () => {
      expect(await store.loadMeta('meta')).toBeUndefined();
      const record = bytes(123, 34, 118, 34, 58, 49, 125); // {"v":1}
      await store.saveMeta('meta', record);
      record.fill(0);
      expect([...((await store.loadMeta('meta')) ?? [])]).toEqual([123, 34, 118, 34, 58, 49, 125]);
      const every = Uint8Array.from({ length: 256 }, (_, i) => i);
      await store.saveMeta('meta', every);
      const loaded = await store.loadMeta('meta');
      loaded?.fill(0);
      await reopen();
      expect([...((await store.loadMeta('meta')) ?? [])]).toEqual([...every]);
      await store.saveMeta('meta', new Uint8Array(0));
      expect([...((await store.loadMeta('meta')) ?? [9])]).toEqual([]);
    });

    it('[STORE12] metadata and the update log are independent', async () => {
      await store.saveMeta('both', bytes(7, 7));
      for (let i = 1; i <= 3; i++) await store.append('both', bytes(i));
      expect(plain(await store.load('both'))).toEqual([[1], [2], [3]]);
      await store.replaceMerged('both', bytes(1, 2, 3), 3);
      await store.saveMeta('both', bytes(8));
      await store.append('both', bytes(4));
      await reopen();
      expect(plain(await store.load('both'))).toEqual([[1, 2, 3], [4]]);
      expect([...((await store.loadMeta('both')) ?? [])]).toEqual([8]);
      await store.append('logonly', bytes(1));
      expect(await store.loadMeta('logonly')).toBeUndefined();
    });

    it('[STORE13] a room with only metadata is listed and loads []; delete removes both', async () => {
      await store.saveMeta('created', bytes(1));
      expect(await store.load('created')).toEqual([]);
      expect(await store.list()).toEqual(['created']);
      await store.append('created', bytes(2));
      await store.delete('created');
      expect(await store.loadMeta('created')).toBeUndefined();
      expect(await store.load('created')).toEqual([]);
      expect(await store.list()).toEqual([]);
      await reopen();
      expect(await store.loadMeta('created')).toBeUndefined();
      expect(await store.list()).toEqual([]);
    });

    it('[STORE14] isolates metadata of rooms whose ids prefix each other', async () => {
      const rooms = ['p', 'p0', 'p-', 'P', 'pmeta'];
      for (const [i, room] of rooms.entries()) await store.saveMeta(room, bytes(i));
      await store.append('p', bytes(42));
      for (const [i, room] of rooms.entries()) {
        expect([...((await store.loadMeta(room)) ?? [])]).toEqual([i]);
      }
      expect(plain(await store.load('p'))).toEqual([[42]]);
      expect(plain(await store.load('pmeta'))).toEqual([]);
      expect((await store.list()).sort()).toEqual([...rooms].sort());
    });

    it('[STORE15] appendMany stores a batch in order, interleaved in call order with append', async () => {
      await store.appendMany('g', []);
      expect(await store.load('g')).toEqual([]);
      const backing = bytes(9, 4, 5, 9);
      const pending = [
        store.append('g', bytes(1)),
        store.appendMany('g', [bytes(2), bytes(3), backing.subarray(1, 3)]),
        store.append('g', bytes(6)),
        store.appendMany(
          'g',
          Array.from({ length: 200 }, (_, i) => numbered(1000 + i)),
        ),
      ];
      backing.fill(0);
      await Promise.all(pending);
      const expected = [
        [1],
        [2],
        [3],
        [4, 5],
        [6],
        ...Array.from({ length: 200 }, (_, i) => [...numbered(1000 + i)]),
      ];
      expect(plain(await store.load('g'))).toEqual(expected);
      await reopen();
      expect(plain(await store.load('g'))).toEqual(expected);
      await store.appendMany('g', [bytes(7), bytes(8)]);
      await store.replaceMerged('g', bytes(0), expected.length);
      expect(plain(await store.load('g'))).toEqual([[0], [7], [8]]);
      await expect(
        (async () => {
          await store.close();
          return store.appendMany('g', [bytes(1)]);
        })(),
      ).rejects.toThrow();
      store = await harness.open();
      expect(plain(await store.load('g'))).toEqual([[0], [7], [8]]);
    });
  });
}
