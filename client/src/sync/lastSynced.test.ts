import { describe, expect, it } from 'vitest';
import { readLastSynced, readPending, writeLastSynced, writePending } from './lastSynced';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

describe('last synced time', () => {
  it('is kept per document and read back', () => {
    const storage = memoryStorage();
    writeLastSynced('doc-a', 1_700_000_000_000.4, storage);
    expect(readLastSynced('doc-a', storage)).toBe(1_700_000_000_000);
    expect(readLastSynced('doc-b', storage)).toBeUndefined();
  });

  it('ignores what is not a time, and a storage that refuses writes loses only the hint', () => {
    const storage = memoryStorage();
    storage.setItem('ensemble.lastSynced.doc-a', 'yesterday');
    expect(readLastSynced('doc-a', storage)).toBeUndefined();
    const full = {
      ...memoryStorage(),
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    } as Storage;
    expect(() => writeLastSynced('doc-a', 1, full)).not.toThrow();
  });
});

describe('changes waiting to be sent', () => {
  it('are counted per document across reloads, and forgotten once sent', () => {
    const storage = memoryStorage();
    expect(readPending('doc-a', storage)).toBe(0);
    writePending('doc-a', 3, storage);
    expect(readPending('doc-a', storage)).toBe(3);
    expect(readPending('doc-b', storage)).toBe(0);
    writePending('doc-a', 0, storage);
    expect(readPending('doc-a', storage)).toBe(0);
    expect(storage.length).toBe(0);
  });

  it('reads garbage as nothing waiting', () => {
    const storage = memoryStorage();
    for (const raw of ['-2', 'lots', '1.5', '1e400']) {
      storage.setItem('ensemble.pending.doc-a', raw);
      expect(readPending('doc-a', storage)).toBe(0);
    }
  });
});
