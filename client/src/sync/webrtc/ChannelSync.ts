import type { CrdtDocument } from '@ensemble/shared';
import { FrameAssembler, splitFrames } from './channelFrames';
import { decodePeerMessage, encodePeerMessage, type PeerMessage, unreachable } from './wireCodec';

/**
 * One document kept in sync over one RTCDataChannel (a device paired by QR codes), with
 * the relay's wire protocol (y-protocols sync: step 1 with our state vector, step 2 with
 * what the other side lacks, then every update both ways). Messages larger than a data
 * channel takes are split into frames (channelFrames.ts) and joined on arrival.
 * Awareness is not carried on this path yet (no presence UI uses it).
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
    private readonly onClose: () => void,
  ) {
    channel.binaryType = 'arraybuffer';
    const stopUpdates = doc.onUpdate((update, origin) => {
      if (origin !== this) this.send({ type: 'syncUpdate', update });
    });
    const onMessage = (event: MessageEvent) => this.receive(event.data);
    const onChannelClose = () => this.close();
    channel.addEventListener('message', onMessage);
    channel.addEventListener('close', onChannelClose);
    this.cleanups.push(() => {
      stopUpdates();
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

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    if (this.channel.readyState !== 'closed') this.channel.close();
    this.onClose();
  }

  private start(): void {
    this.send({ type: 'syncStep1', stateVector: this.doc.encodeStateVector() });
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
    const assembled =
      data instanceof ArrayBuffer ? this.assembler.push(new Uint8Array(data)) : 'invalid';
    if (assembled === 'partial') return;
    const message = assembled === 'invalid' ? undefined : decodePeerMessage(assembled);
    // A peer that sends what we cannot read is not one to keep syncing with.
    if (!message) {
      this.close();
      return;
    }
    try {
      this.handle(message);
    } catch {
      this.close();
    }
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
        this.doc.applyUpdate(message.update, this);
        this.synced = true;
        return;
      case 'syncUpdate':
        this.doc.applyUpdate(message.update, this);
        return;
      case 'awareness':
        return;
      default:
        unreachable(message);
    }
  }
}
