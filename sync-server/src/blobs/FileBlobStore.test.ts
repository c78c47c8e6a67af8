import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { blobHashOf } from '@ensemble/shared';
import { runBlobStoreContract } from '@ensemble/shared/testing';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../store/tempDirs';
import { FileBlobStore } from './FileBlobStore';

const newDir = tempDirs('ensemble-blobs-');

runBlobStoreContract('FileBlobStore', async () => {
  const dir = await newDir();
  return { open: () => FileBlobStore.open(dir), dispose: async () => undefined };
});

describe('FileBlobStore on disk', () => {
  it('[BLOB7] keeps each blob in one file named by its hash, under the data dir, no temporary left', async () => {
    const dir = await newDir();
    const store = await FileBlobStore.open(dir);
    const bytes = Uint8Array.from([1, 2, 3, 4, 5]);
    const hash = blobHashOf(bytes);
    await store.put('room-with-id-0001', hash, bytes);
    const scopeDir = join(dir, 'blobs', Buffer.from('room-with-id-0001').toString('hex'));
    expect(await readdir(scopeDir)).toEqual([hash]);
    // A relay restarted later sums the usage from the files.
    await store.close();
    const reopened = await FileBlobStore.open(dir);
    expect(await reopened.usage('room-with-id-0001')).toBe(5);
    await reopened.close();
  });

  it('[BLOB3] a mismatching blob leaves no file at all', async () => {
    const dir = await newDir();
    const store = await FileBlobStore.open(dir);
    const hash = blobHashOf(Uint8Array.from([1]));
    const result = await store.put('room-with-id-0001', hash, Uint8Array.from([2]));
    expect(result.ok).toBe(false);
    expect(await readdir(join(dir, 'blobs'))).toEqual([]);
    await store.close();
  });
});
