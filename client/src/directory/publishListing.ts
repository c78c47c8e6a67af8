import type { DirectoryListing } from '@ensemble/shared';
import { blobBaseUrl } from '../blobs/blobHttp';

export type PublishOutcome = 'published' | 'withdrawn' | 'offline' | 'refused';

/**
 * Publishes a community's listing in its relay's directory, or withdraws it (`undefined`),
 * with the community's write capability in a header. Only what `directoryListingOf` built
 * is sent: the relay refuses anything more.
 */
export async function publishListing(
  relayWsUrl: string,
  room: string,
  capability: string,
  listing: DirectoryListing | undefined,
  send: typeof fetch = fetch,
): Promise<PublishOutcome> {
  try {
    const response = await send(`${blobBaseUrl(relayWsUrl)}/directory/listings/${room}`, {
      method: listing ? 'PUT' : 'DELETE',
      headers: {
        Authorization: `Bearer ${capability}`,
        ...(listing ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(listing ? { body: JSON.stringify(listing) } : {}),
    });
    if (!response.ok) return 'refused';
    return listing ? 'published' : 'withdrawn';
  } catch {
    return 'offline';
  }
}
