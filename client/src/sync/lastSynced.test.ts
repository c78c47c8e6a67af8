import { describe, expect, it } from 'vitest';
import { readLastSynced, writeLastSynced } from './lastSynced';

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
