/**
 * When each document was last in sync with the relay, and how many changes made here
 * wait to be sent, kept across reloads so the badge can say "last synced at 14:32 ·
 * 3 waiting" after the app restarts offline (the changes themselves are in IndexedDB
 * and go out at the next sync). A few bytes per document in localStorage (synchronous,
 * read when a connection opens); losing it (private mode, storage cleared) only loses
 * the hint.
 */
const PREFIX = 'ensemble.lastSynced.';
const PENDING_PREFIX = 'ensemble.pending.';

export function readPending(docId: string, storage: Storage | undefined = safeStorage()): number {
  const value = Number(storage?.getItem(PENDING_PREFIX + docId) ?? 0);
  return Number.isSafeInteger(value) && value > 0 ? value : 0;
}

export function writePending(
  docId: string,
  pending: number,
  storage: Storage | undefined = safeStorage(),
): void {
  try {
    if (pending > 0) storage?.setItem(PENDING_PREFIX + docId, String(pending));
    else storage?.removeItem(PENDING_PREFIX + docId);
  } catch {
    // Quota or disabled storage: the hint is not worth an error.
  }
}

export function readLastSynced(docId: string, storage: Storage | undefined = safeStorage()) {
  const raw = storage?.getItem(PREFIX + docId);
  const value = raw === null || raw === undefined ? Number.NaN : Number(raw);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

export function writeLastSynced(
  docId: string,
  at: number,
  storage: Storage | undefined = safeStorage(),
): void {
  try {
    storage?.setItem(PREFIX + docId, String(Math.round(at)));
  } catch {
    // Quota or disabled storage: the hint is not worth an error.
  }
}

function safeStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
