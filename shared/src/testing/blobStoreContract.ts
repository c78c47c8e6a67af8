import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlobStore } from '../blobs/BlobStore';
import { type BlobHash, blobHashOf } from '../blobs/blobRef';

/** Where a contract test keeps its blob store; `open()` after `close()` reopens the same place. */
export interface BlobStoreHarness {
  open(): Promise<BlobStore>;
  dispose(): Promise<void>;
}

const blob = (...values: number[]): { hash: BlobHash; bytes: Uint8Array } => {
  const bytes = Uint8Array.from(values);
  return { hash: blobHashOf(bytes), bytes };
};

/** The behaviour every BlobStore implementation must have. Run it from a *.test.ts. */
export function runBlobStoreContract(
  name: string,
  makeHarness: () => BlobStoreHarness | Promise<BlobStoreHarness>,
): void {
  describe(`BlobStore contract: ${name}`, () => {
    let harness: BlobStoreHarness;
    let store: BlobStore;

    beforeEach(async () => {
      harness = await makeHarness();
      store = await harness.open();
    });
    afterEach(async () => {
      await store.close();
      await harness.dispose();
    });

    it('[BLOB6] a blob never stored is missing; an empty scope uses nothing', async () => {
      const { hash } = blob(1, 2, 3);
      expect(await store.get('room-a', hash)).toBeUndefined();
      expect(await store.has('room-a', hash)).toBe(false);
      expect(await store.usage('room-a')).toBe(0);
    });

    it('[BLOB6] returns the stored bytes, and keeps them across a reopen', async () => {
      const { hash, bytes } = blob(1, 2, 3, 4);
      expect(await store.put('room-a', hash, bytes)).toEqual({ ok: true, value: { stored: true } });
      expect(await store.get('room-a', hash)).toEqual(bytes);
      await store.close();
      store = await harness.open();
      expect(await store.has('room-a', hash)).toBe(true);
      expect(await store.get('room-a', hash)).toEqual(bytes);
      expect(await store.usage('room-a')).toBe(4);
    });

    it('[BLOB3] refuses bytes that do not match their hash, storing nothing', async () => {
      const { hash } = blob(9, 9, 9);
      const result = await store.put('room-a', hash, Uint8Array.from([9, 9, 8]));
      expect(result).toEqual({ ok: false, error: 'hash-mismatch' });
      expect(await store.has('room-a', hash)).toBe(false);
      expect(await store.usage('room-a')).toBe(0);
    });

    it('[BLOB6] storing the same blob twice counts it once', async () => {
      const { hash, bytes } = blob(5, 6);
      await store.put('room-a', hash, bytes);
      expect(await store.put('room-a', hash, bytes)).toEqual({
        ok: true,
        value: { stored: false },
      });
      expect(await store.usage('room-a')).toBe(2);
    });

    it('[BLOB6] scopes are apart: usage, reads and deletes', async () => {
      const a = blob(1);
      const b = blob(2, 2);
      await store.put('room-a', a.hash, a.bytes);
      await store.put('room-b', b.hash, b.bytes);
      expect(await store.get('room-b', a.hash)).toBeUndefined();
      expect(await store.usage('room-a')).toBe(1);
      expect(await store.usage('room-b')).toBe(2);
      await store.delete('room-a', a.hash);
      await store.delete('room-a', b.hash);
      expect(await store.has('room-a', a.hash)).toBe(false);
      expect(await store.usage('room-a')).toBe(0);
      expect(await store.has('room-b', b.hash)).toBe(true);
    });

    it('[BLOB6] a caller cannot change what the store holds through the bytes it passed or got', async () => {
      const { hash, bytes } = blob(7, 7, 7);
      await store.put('room-a', hash, bytes);
      bytes[0] = 0;
      const got = await store.get('room-a', hash);
      if (got) got[1] = 0;
      expect(await store.get('room-a', hash)).toEqual(Uint8Array.from([7, 7, 7]));
    });

    it('[BLOB6] rejects calls after close', async () => {
      await store.close();
      await expect(store.usage('room-a')).rejects.toThrow();
      store = await harness.open();
    });
  });
}
