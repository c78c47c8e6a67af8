import type { CrdtDocument } from '@ensemble/shared';
import type { ValueStore } from '../../util/ValueStore';
import { DocAwareness } from '../DocAwareness';
import { ChannelSync } from './ChannelSync';
import { Pairing } from './Pairing';
import type { PairingPort } from './pairingPort';
import { SignaledPeers } from './SignaledPeers';

export interface SignalingOptions {
  /** The relay's `/signal` endpoint. */
  readonly url: string;
  /** The community's write capability: it admits us to the topic and keys the signaling. */
  readonly capability: string;
}

/**
 * The direct (WebRTC) paths of one open document: devices the relay introduced (signaling
 * on its `/signal` endpoint) and devices paired by QR codes. Each is an RTCPeerConnection
 * with one data channel carrying the sync protocol and awareness (ChannelSync); once
 * connected it no longer depends on the relay. `peers` counts the devices connected (a
 * device reached by two links, or by a link that has not closed yet after its page
 * reloaded into a new one, counts once per awareness client).
 */
export class DirectPeers {
  private signaled: SignaledPeers | undefined;
  private readonly channels = new Map<ChannelSync, RTCPeerConnection>();
  private readonly presence: DocAwareness;
  private destroyed = false;

  constructor(
    private readonly doc: CrdtDocument,
    private readonly peers: ValueStore<number>,
  ) {
    this.presence = DocAwareness.of(doc);
    // A peer's awareness arriving tells which device a link reaches: count again.
    this.presence.awareness.on('change', this.onAwareness);
  }

  /** Looks for the community's other devices through the relay's signaling (again). */
  relaySynced(options: SignalingOptions): void {
    if (this.destroyed || typeof RTCPeerConnection === 'undefined' || !crypto.subtle) return;
    if (this.signaled) {
      this.signaled.relayBack();
      return;
    }
    this.signaled = new SignaledPeers(this.doc.id, options, (connection, channel) =>
      this.adopt(connection, channel),
    );
  }

  /** A relay-less pairing of this document (QR codes). */
  pair(epoch: () => string | undefined): PairingPort {
    return new Pairing({
      communityId: this.doc.id,
      epoch,
      adopt: (connection, channel) => this.adopt(connection, channel),
    });
  }

  /**
   * The device has no network at all (`navigator.onLine` false): its direct connections
   * are gone too. Closed at once, so the count says so; the relay, once back, introduces
   * the peers again (QR pairings have to be made again).
   */
  networkLost(): void {
    this.signaled?.close();
    this.signaled = undefined;
    this.closeChannels();
  }

  destroy(): void {
    this.destroyed = true;
    this.presence.awareness.off('change', this.onAwareness);
    this.signaled?.close();
    this.closeChannels();
  }

  private readonly onAwareness = () => this.recount();

  private closeChannels(): void {
    for (const [sync, connection] of [...this.channels]) {
      sync.close();
      connection.close();
    }
  }

  /** A connection whose channel is open syncs the document from now on. Returns its end. */
  private adopt(connection: RTCPeerConnection, channel: RTCDataChannel): ChannelSync | undefined {
    if (this.destroyed) {
      connection.close();
      return undefined;
    }
    const sync = new ChannelSync(
      this.doc,
      channel,
      (error) => {
        // Only this link: the others and the relay go on.
        if (error) console.warn('[ensemble] direct link closed:', error);
        this.channels.delete(sync);
        connection.close();
        this.recount();
      },
      this.presence,
    );
    this.channels.set(sync, connection);
    connection.addEventListener('connectionstatechange', () => {
      const state = connection.connectionState;
      if (state === 'failed' || state === 'closed') sync.close();
    });
    this.recount();
    return sync;
  }

  private recount(): void {
    const devices = new Set<number | ChannelSync>();
    for (const sync of this.channels.keys()) {
      if (!sync.open) continue;
      const [client] = sync.peerClients;
      devices.add(client ?? sync);
    }
    if (this.peers.get() !== devices.size) this.peers.set(devices.size);
  }
}
