import {
  type BlobHash,
  BlobRefusal,
  blobHashOf,
  blobPath,
  err,
  ok,
  type Result,
} from '@ensemble/shared';

/** What went wrong fetching or sending a blob: the relay's refusal, or no answer at all. */
export type BlobTransferError = BlobRefusal | 'network';

/** The relay's HTTP base from its websocket address: `wss://host/sync` -> `https://host`. */
export function blobBaseUrl(relayWsUrl: string): string {
  const url = new URL(relayWsUrl);
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  url.pathname = url.pathname.replace(/\/sync\/?$/, '');
  url.search = '';
  return url.toString().replace(/\/$/, '');
}

const REFUSALS = new Set<string>(Object.values(BlobRefusal));

async function refusalOf(response: Response): Promise<BlobRefusal> {
  try {
    const body = (await response.json()) as { reason?: unknown };
    if (typeof body.reason === 'string' && REFUSALS.has(body.reason)) {
      return body.reason as BlobRefusal;
    }
  } catch {
    // Not our relay's JSON (a proxy's error page): judged by the status below.
  }
  if (response.status === 404) return BlobRefusal.notFound;
  if (response.status === 413) return BlobRefusal.tooLarge;
  return BlobRefusal.internal;
}

export interface BlobEndpoint {
  /** http(s)://host[/prefix] of the relay. */
  readonly base: string;
  readonly room: string;
  /** The room capability: sent in a header, never in the URL. */
  readonly capability: string;
  readonly fetch?: typeof fetch;
}

/** Sends one blob to the relay. */
export async function uploadBlob(
  endpoint: BlobEndpoint,
  hash: BlobHash,
  bytes: Uint8Array,
): Promise<Result<true, BlobTransferError>> {
  const send = endpoint.fetch ?? fetch;
  let response: Response;
  try {
    response = await send(`${endpoint.base}${blobPath(endpoint.room, hash)}`, {
      method: 'PUT',
      body: new Blob([bytes as Uint8Array<ArrayBuffer>]),
      headers: {
        Authorization: `Bearer ${endpoint.capability}`,
        'Content-Type': 'application/octet-stream',
      },
    });
  } catch {
    return err('network');
  }
  return response.ok ? ok(true) : err(await refusalOf(response));
}

/**
 * Fetches one blob from the relay and checks it: bytes that do not hash to `hash` are
 * refused as `hash-mismatch` (a damaged or forged blob is never kept or shown).
 */
export async function downloadBlob(
  endpoint: BlobEndpoint,
  hash: BlobHash,
): Promise<Result<Uint8Array, BlobTransferError>> {
  const send = endpoint.fetch ?? fetch;
  let bytes: Uint8Array;
  try {
    const response = await send(`${endpoint.base}${blobPath(endpoint.room, hash)}`, {
      headers: { Authorization: `Bearer ${endpoint.capability}` },
    });
    if (!response.ok) return err(await refusalOf(response));
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch {
    return err('network');
  }
  return blobHashOf(bytes) === hash ? ok(bytes) : err(BlobRefusal.hashMismatch);
}
