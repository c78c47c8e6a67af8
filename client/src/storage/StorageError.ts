/** Why the device could not store something. Stable strings: the UI translates them. */
export const StorageErrorReason = {
  quotaExceeded: 'quota-exceeded',
  unavailable: 'unavailable',
  failed: 'failed',
} as const;
export type StorageErrorReason = (typeof StorageErrorReason)[keyof typeof StorageErrorReason];

export class StorageError extends Error {
  override readonly name = 'StorageError';

  constructor(
    readonly reason: StorageErrorReason,
    options?: { cause?: unknown },
  ) {
    super(`storage: ${reason}`, options);
  }
}

const names = (error: unknown): string[] => {
  const out: string[] = [];
  let current: unknown = error;
  // Dexie wraps IndexedDB errors (`inner`); transactions report the cause of an abort.
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const { name, inner, cause } = current as { name?: unknown; inner?: unknown; cause?: unknown };
    if (typeof name === 'string') out.push(name);
    current = inner ?? cause;
  }
  return out;
};

/** Maps an IndexedDB/Dexie failure to a typed StorageError. */
export function toStorageError(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const seen = names(error);
  if (seen.includes('QuotaExceededError')) {
    return new StorageError(StorageErrorReason.quotaExceeded, { cause: error });
  }
  if (
    seen.some((name) =>
      ['MissingAPIError', 'OpenFailedError', 'InvalidStateError', 'DatabaseClosedError'].includes(
        name,
      ),
    )
  ) {
    return new StorageError(StorageErrorReason.unavailable, { cause: error });
  }
  return new StorageError(StorageErrorReason.failed, { cause: error });
}
