import type { CrdtDocument } from '@ensemble/shared';
import type { DocumentConnection } from '../../app/CommunityRepository';
import { type ReadableStore, ValueStore } from '../../util/ValueStore';
import type { SyncState } from '../syncStatus';
import type { DirectPeers, SignalingOptions } from './DirectPeers';
import type { PairingPort } from './pairingPort';

/** The relay's signaling endpoint next to its sync endpoint (same host, ws or wss). */
export function defaultSignalingUrl(location: Location = window.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/signal`;
}

export interface DirectOptions {
  /** How to look for peers through the relay; undefined: only by pairing (no write access). */
  readonly signaling: () => SignalingOptions | undefined;
  /** The document's creation id, once known (a pairing refuses another document). */
  readonly epoch: () => string | undefined;
  /** Whether the device has a network at all: without one, direct connections end too. */
  readonly network: ReadableStore<boolean>;
}

/**
 * Adds the direct paths (WebRTC) to a document's relay connection. First-load code: the
 * WebRTC code itself (signaling, peer connections, pairing) loads on demand, once the relay has
 * synced the document (the relay then knows the room, so it admits our signaling), or
 * when a pairing starts. The relay's state stays the connection's `status`.
 */
export function withDirectPeers(
  relay: DocumentConnection,
  doc: CrdtDocument,
  options: DirectOptions,
): DocumentConnection {
  const peers = new ValueStore(0);
  let direct: Promise<DirectPeers> | undefined;
  let destroyed = false;
  const load = (): Promise<DirectPeers> => {
    direct ??= import('./DirectPeers').then((module) => {
      const peersOfDoc = new module.DirectPeers(doc, peers);
      if (destroyed) peersOfDoc.destroy();
      return peersOfDoc;
    });
    return direct;
  };
  const report = (error: unknown) => console.warn('[ensemble] direct sync', error);

  const onRelayStatus = (state: SyncState) => {
    if (state !== 'synced' || destroyed) return;
    const signaling = options.signaling();
    if (!signaling) return;
    load()
      .then((peersOfDoc) => peersOfDoc.relaySynced(signaling))
      .catch(report);
  };
  const stopWatching = relay.status.subscribe(() => onRelayStatus(relay.status.get()));
  onRelayStatus(relay.status.get());
  const stopNetwork = options.network.subscribe(() => {
    if (!options.network.get())
      direct?.then((peersOfDoc) => peersOfDoc.networkLost()).catch(report);
  });

  return {
    status: relay.status,
    refusal: relay.refusal,
    ...(relay.progress ? { progress: relay.progress } : {}),
    peers,
    pair: async (): Promise<PairingPort> => (await load()).pair(options.epoch),
    destroy: () => {
      destroyed = true;
      stopWatching();
      stopNetwork();
      relay.destroy();
      direct?.then((peersOfDoc) => peersOfDoc.destroy()).catch(report);
    },
  };
}
