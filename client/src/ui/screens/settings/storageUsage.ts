/** What the browser says about this site's storage. */
export interface StorageFacts {
  /** Bytes used and the quota, when the browser tells (`navigator.storage.estimate()`). */
  readonly usage: number | undefined;
  readonly quota: number | undefined;
  /** Whether the browser keeps our data under storage pressure; undefined: cannot tell. */
  readonly persisted: boolean | undefined;
  /** Whether this browser can be asked to keep it (`navigator.storage.persist`). */
  readonly canPersist: boolean;
}

type StorageApi = Pick<StorageManager, 'estimate' | 'persisted' | 'persist'>;

function storageApi(): Partial<StorageApi> | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.storage;
}

export async function readStorageFacts(storage = storageApi()): Promise<StorageFacts> {
  const [estimate, persisted] = await Promise.all([
    storage?.estimate?.().catch(() => undefined),
    storage?.persisted?.().catch(() => undefined),
  ]);
  return {
    usage: estimate?.usage,
    quota: estimate?.quota,
    persisted,
    canPersist: typeof storage?.persist === 'function',
  };
}

/** Asks the browser to keep our data; resolves with whether it agreed. */
export async function requestPersistence(storage = storageApi()): Promise<boolean> {
  if (!storage?.persist) return false;
  return storage.persist();
}

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** "3,2 Mo" / "3.2 MB": decimal units, as disks and phones show them. */
export function formatBytes(bytes: number, language: string): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: UNITS[unit],
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0,
  }).format(value);
}
