import type { Result } from '@ensemble/shared';
import { ValueStore } from '../../util/ValueStore';
import { gatheringComplete } from './iceGathering';
import {
  decodePairingCode,
  type EncodedPairingCode,
  encodePairingCode,
  err,
  ok,
  type PairingCodeError,
  PairingKind,
} from './pairingCode';
import type { PairingPort, PairingState } from './pairingPort';

export interface PairingDeps {
  readonly communityId: string;
  readonly epoch: () => string | undefined;
  /** Takes over the connection once its channel opens: it syncs the document from then on. */
  readonly adopt: (connection: RTCPeerConnection, channel: RTCDataChannel) => unknown;
}

/**
 * Relay-less pairing of two devices: one makes an offer (SDP with every ICE candidate
 * gathered: no server is there to trickle them), the other reads it and answers, the
 * first reads the answer. No STUN server: devices on the same Wi-Fi or hotspot reach
 * each other on their local addresses.
 */
export class Pairing implements PairingPort {
  readonly state = new ValueStore<PairingState>('idle');
  private readonly connection = new RTCPeerConnection({ iceServers: [] });
  private readonly channel: RTCDataChannel;
  private offerTag: string | undefined;
  private adopted = false;

  constructor(private readonly deps: PairingDeps) {
    // Negotiated on both sides: the same channel exists before either description.
    this.channel = this.connection.createDataChannel('ensemble-sync', { negotiated: true, id: 0 });
    this.channel.addEventListener('open', () => {
      this.adopted = true;
      deps.adopt(this.connection, this.channel);
      this.state.set('connected');
    });
    this.connection.addEventListener('connectionstatechange', () => {
      const connectionState = this.connection.connectionState;
      if (connectionState === 'failed') this.state.set('failed');
      else if (connectionState === 'closed' && this.adopted) this.state.set('closed');
    });
  }

  async createOffer(): Promise<EncodedPairingCode> {
    await this.connection.setLocalDescription(await this.connection.createOffer());
    const code = await this.localCode(PairingKind.offer);
    this.offerTag = code.tag;
    this.state.set('offered');
    return code;
  }

  async answerOffer(
    texts: readonly string[],
  ): Promise<Result<EncodedPairingCode, PairingCodeError>> {
    const offer = await decodePairingCode(texts, this.expect(PairingKind.offer));
    if (!offer.ok) return offer;
    try {
      await this.connection.setRemoteDescription({ type: 'offer', sdp: offer.value.sdp });
      await this.connection.setLocalDescription(await this.connection.createAnswer());
    } catch {
      return err({ reason: 'damaged' });
    }
    this.offerTag = offer.value.tag;
    const answer = await this.localCode(PairingKind.answer);
    this.state.set('answered');
    return ok(answer);
  }

  async acceptAnswer(texts: readonly string[]): Promise<Result<void, PairingCodeError>> {
    const answer = await decodePairingCode(texts, {
      ...this.expect(PairingKind.answer),
      ...(this.offerTag ? { offerTag: this.offerTag } : {}),
    });
    if (!answer.ok) return answer;
    try {
      await this.connection.setRemoteDescription({ type: 'answer', sdp: answer.value.sdp });
    } catch {
      return err({ reason: 'damaged' });
    }
    if (this.state.get() === 'offered') this.state.set('connecting');
    return ok(undefined);
  }

  /** Leaves the pairing screen: a connection not yet syncing is closed. */
  cancel(): void {
    if (this.adopted) return;
    this.channel.close();
    this.connection.close();
  }

  private expect(kind: PairingKind) {
    const epoch = this.deps.epoch();
    return { kind, communityId: this.deps.communityId, ...(epoch ? { epoch } : {}) };
  }

  private async localCode(kind: PairingKind): Promise<EncodedPairingCode> {
    await gatheringComplete(this.connection);
    const sdp = this.connection.localDescription?.sdp ?? '';
    const epoch = this.deps.epoch();
    return encodePairingCode({
      kind,
      communityId: this.deps.communityId,
      sdp,
      ...(epoch ? { epoch } : {}),
      ...(kind === PairingKind.answer && this.offerTag ? { offerTag: this.offerTag } : {}),
    });
  }
}
