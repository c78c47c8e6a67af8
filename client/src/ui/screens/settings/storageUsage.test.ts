import { describe, expect, it } from 'vitest';
import { formatBytes, readStorageFacts, requestPersistence } from './storageUsage';

describe('formatBytes', () => {
  it('shows decimal units in the reader’s language', () => {
    // Intl puts a no-break space between number and unit in French.
    expect(formatBytes(512, 'fr')).toMatch(/^512\soctets$/);
    expect(formatBytes(3_240_000, 'fr')).toMatch(/^3,2\sMo$/);
    expect(formatBytes(3_240_000, 'en')).toMatch(/^3\.2\sMB$/);
    expect(formatBytes(1_500_000_000, 'en')).toMatch(/^1\.5\sGB$/);
    expect(formatBytes(250_000_000, 'en')).toMatch(/^250\sMB$/);
  });
});

describe('readStorageFacts', () => {
  it('reports usage, quota and persistence as the browser tells them', async () => {
    let persisted = false;
    const storage = {
      estimate: async () => ({ usage: 1000, quota: 5000 }),
      persisted: async () => persisted,
      persist: async () => {
        persisted = true;
        return true;
      },
    };
    expect(await readStorageFacts(storage)).toEqual({
      usage: 1000,
      quota: 5000,
      persisted: false,
      canPersist: true,
    });
    expect(await requestPersistence(storage)).toBe(true);
    expect((await readStorageFacts(storage)).persisted).toBe(true);
  });

  it('says it cannot tell when the browser has no storage manager', async () => {
    expect(await readStorageFacts(undefined)).toEqual({
      usage: undefined,
      quota: undefined,
      persisted: undefined,
      canPersist: false,
    });
    expect(await requestPersistence({})).toBe(false);
  });
});
