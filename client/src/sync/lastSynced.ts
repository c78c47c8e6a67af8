/**
 * When each document was last in sync with the relay, kept across reloads so the badge
 * can say "last synced at 14:32" after the app restarts offline. A few bytes per
 * document in localStorage (synchronous, read when a connection opens); losing it
 * (private mode, storage cleared) only loses the hint.
 */
const PREFIX = 'ensemble.lastSynced.';

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
