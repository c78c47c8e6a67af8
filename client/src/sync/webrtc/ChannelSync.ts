import type { CrdtDocument } from '@ensemble/shared';
import type { DocAwareness } from '../DocAwareness';
import { FrameAssembler, type FrameError, splitFrames } from './channelFrames';
import {
  decodePeerMessage,
  encodePeerMessage,
  type PeerDecodeError,
  type PeerMessage,
  unreachable,
} from './wireCodec';

/** Why a link was closed on our side: what the peer sent could not be read or applied. */
export type LinkError =
  | FrameError
  | { readonly reason: 'not-binary' }
  | { readonly reason: 'undecodable'; readonly detail: PeerDecodeError }
  | { readonly reason: 'rejected-update' }
  | { readonly reason: 'rejected-awareness' };

/**
 * One document kept in sync over one RTCDataChannel (a device introduced by the relay or
 * paired by QR codes), with the relay's wire protocol: y-protocols sync (step 1 with our
 * state vector, step 2 with what the other side lacks, then every update both ways) and
 * awareness (this device's own state each way; the peer's goes into the document's shared
 * awareness, and is dropped when this link closes). Messages larger than a data channel
 * takes are split into frames (channelFrames.ts) and joined on arrival. Anything unreadable
 * closes this link only, with the reason.
 */
export class ChannelSync {
  private readonly assembler = new FrameAssembler();
  private readonly cleanups: (() => void)[] = [];
  private closed = false;
  /** Set once the other side answered our state vector. */
  synced = false;

  constructor(
    private readonly doc: CrdtDocument,
    private readonly channel: RTCDataChannel,
    private readonly onClose: (error?: LinkError) => void,
    private readonly presence?: DocAwareness,
  ) {
    channel.binaryType = 'arraybuffer';
    const stopUpdates = doc.onUpdate((update, origin) => {
      if (origin !== this) this.send({ type: 'syncUpdate', update });
    });
    const stopAwareness = presence?.onOwnChange((update) =>
      this.send({ type: 'awareness', update }),
    );
    const onMessage = (event: MessageEvent) => this.receive(event.data);
    const onChannelClose = () => this.close();
    channel.addEventListener('message', onMessage);
    channel.addEventListener('close', onChannelClose);
    this.cleanups.push(() => {
      stopUpdates();
      stopAwareness?.();
      channel.removeEventListener('message', onMessage);
      channel.removeEventListener('close', onChannelClose);
    });
    if (channel.readyState === 'open') this.start();
    else {
      const onOpen = () => this.start();
      channel.addEventListener('open', onOpen, { once: true });
      this.cleanups.push(() => channel.removeEventListener('open', onOpen));
    }
  }

  get open(): boolean {
    return !this.closed && this.channel.readyState === 'open';
  }

  /** The awareness clients this link reaches (the peer's tab): one device, counted once. */
  get peerClients(): readonly number[] {
    return this.presence?.clientsOf(this) ?? [];
  }

  /** Ends this link: tells the peer we leave it, drops the presence only it carried. */
  close(error?: LinkError): void {
    if (this.closed) return;
    if (this.presence) this.send({ type: 'awareness', update: this.presence.ownRemoval() });
    this.closed = true;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    if (this.channel.readyState !== 'closed') this.channel.close();
    this.presence?.pathClosed(this);
    this.onClose(error);
  }

  private start(): void {
    this.send({ type: 'syncStep1', stateVector: this.doc.encodeStateVector() });
    if (this.presence) this.send({ type: 'awareness', update: this.presence.ownUpdate() });
  }

  private send(message: PeerMessage): void {
    if (!this.open) return;
    try {
      for (const frame of splitFrames(encodePeerMessage(message)))
        this.channel.send(frame as Uint8Array<ArrayBuffer>);
    } catch {
      // The channel closed under us: its close event ends this sync.
    }
  }

  private receive(data: unknown): void {
    if (!(data instanceof ArrayBuffer)) {
      this.close({ reason: 'not-binary' });
      return;
    }
    const assembled = this.assembler.push(new Uint8Array(data));
    if (assembled === 'partial') return;
    if (!(assembled instanceof Uint8Array)) {
      this.close(assembled);
      return;
    }
    const decoded = decodePeerMessage(assembled);
    if (!decoded.ok) {
      this.close({ reason: 'undecodable', detail: decoded.error });
      return;
    }
    this.handle(decoded.value);
  }

  private handle(message: PeerMessage): void {
    switch (message.type) {
      case 'syncStep1':
        this.send({
          type: 'syncStep2',
          update: this.doc.encodeUpdateSince(message.stateVector),
        });
        return;
      case 'syncStep2':
      case 'syncUpdate':
        try {
          this.doc.applyUpdate(message.update, this);
        } catch {
          this.close({ reason: 'rejected-update' });
          return;
        }
        if (message.type === 'syncStep2') this.synced = true;
        return;
      case 'awareness':
        if (this.presence && !this.presence.receive(this, message.update)) {
          this.close({ reason: 'rejected-awareness' });
        }
        return;
      case 'queryAwareness':
        if (this.presence) this.send({ type: 'awareness', update: this.presence.ownUpdate() });
        return;
      default:
        unreachable(message);
    }
  }
}
