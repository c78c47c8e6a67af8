import type { Page } from '@playwright/test';

/** One opening of the community page, in ms from navigation (see pageProbes.ts). */
export interface Visit {
  /** First event card painted. */
  readonly painted: number;
  /** Where those cards came from: 'digest' or 'document'. */
  readonly from: string;
  /** Event list drawn from the full document: the page is interactive. */
  readonly loaded: number;
  readonly shell: number;
  readonly domReady: number;
}

/** The app writes a community's digest within a second of reading its document. */
const APP_DIGEST_DELAY_MS = 1_000;

/**
 * Lets the page that was just measured finish what it does after loading (its digest
 * write), so that every run starts alike.
 */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, APP_DIGEST_DELAY_MS + 200));
}

const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const round = (n: number) => Number(n.toFixed(1));

export function summary(values: readonly number[]) {
  return {
    median: round(median(values)),
    min: round(Math.min(...values)),
    max: round(Math.max(...values)),
    all: values.map(round),
  };
}

function digestRow(page: Page, communityId: string, remove: boolean): Promise<boolean> {
  return page.evaluate(
    async ({ id, remove }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('ensemble');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const found = await new Promise<boolean>((resolve, reject) => {
        const store = db.transaction('digests', 'readwrite').objectStore('digests');
        const request = remove ? store.delete(id) : store.count(id);
        request.onsuccess = () => resolve(request.result !== 0);
        request.onerror = () => reject(request.error);
      });
      db.close();
      return found;
    },
    { id: communityId, remove },
  );
}

/** Waits until the page has stored the community's digest (after its document was read). */
export async function waitForDigest(page: Page, communityId: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!(await digestRow(page, communityId, false))) {
    if (Date.now() > deadline) throw new Error('bench:client: the app wrote no digest');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Deletes the community's digest (once the app's own write is done: see `settle`). */
export async function deleteDigest(page: Page, communityId: string): Promise<void> {
  await digestRow(page, communityId, true);
}
