import type { BlobHash, CommunityId } from '@ensemble/shared';
import { useEffect, useState } from 'react';
import { useServices } from '../../../app/services';
import { attachmentServiceOf } from '../../../blobs/attachmentsLoader';

export type BlobState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly url: string }
  | { readonly status: 'missing' }
  | { readonly status: 'damaged' };

/** Waits before asking the relay again for a blob it did not have (it may be on its way). */
const RETRY_MS = [1_000, 2_000, 3_000, 5_000, 8_000, 13_000, 20_000, 30_000];

/**
 * An object URL for a blob: from the device, else from the relay. A blob not there yet
 * is asked for again (backing off, and when the network returns) while shown.
 */
export function useBlob(id: CommunityId, hash: BlobHash, type: string): BlobState {
  const services = useServices();
  const { network } = services;
  const service = attachmentServiceOf(services);
  const [state, setState] = useState<BlobState>({ status: 'loading' });
  useEffect(() => {
    let url: string | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let attempt = 0;
    let missing = false;
    const load = async () => {
      missing = false;
      const read = await service.read(id, hash);
      if (stopped) return;
      if (read.ok) {
        url = URL.createObjectURL(
          new Blob([read.value.bytes as Uint8Array<ArrayBuffer>], { type }),
        );
        setState({ status: 'ready', url });
        return;
      }
      setState({ status: read.error });
      if (read.error === 'missing') {
        missing = true;
        timer = setTimeout(() => void load().catch(() => undefined), RETRY_MS[attempt] ?? 30_000);
        attempt += 1;
      }
    };
    load().catch(() => setState({ status: 'missing' }));
    // Asked again at once when the network returns.
    const unsubscribe = network.subscribe(() => {
      if (!network.get() || !missing || stopped) return;
      if (timer) clearTimeout(timer);
      attempt = 0;
      load().catch(() => undefined);
    });
    return () => {
      stopped = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
      if (url) URL.revokeObjectURL(url);
    };
  }, [service, network, id, hash, type]);
  return state;
}
