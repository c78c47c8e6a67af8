import {
  type DeviceKeys,
  decodeSealed,
  formatSubprotocol,
  PROTOCOL_VERSION,
  SealedReplica,
} from '@ensemble/shared';
import { WebSocket } from 'ws';
import * as Y from 'yjs';

const REMOTE = Symbol('sealed-remote');

/**
 * A Y.Doc synced through a sealed community on the real relay: local updates are sealed by
 * a SealedReplica, decrypted remote updates applied. `go offline` closes the socket; local
 * edits then wait in the replica's outbox.
 */
export class SealedYjsPeer {
  readonly doc = new Y.Doc();
  readonly replica: SealedReplica;
  /** Failures inside the replica: a test expects none. */
  readonly errors: unknown[] = [];
  /** Close codes and reasons of the sockets this peer opened. */
  readonly closes: string[] = [];
  private ws: WebSocket | undefined;

  constructor(
    private readonly base: string,
    readonly community: string,
    readonly keys: DeviceKeys,
    readonly room = 'home',
  ) {
    this.replica = new SealedReplica({
      community,
      device: keys,
      onError: (error) => this.errors.push(error),
      onUpdate: (r, update) => {
        if (r === this.room) Y.applyUpdate(this.doc, update, REMOTE);
      },
    });
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) void this.replica.write(this.room, update);
    });
  }

  online(): void {
    const ws = new WebSocket(`${this.base.replace(/^http/, 'ws')}/sealed/${this.community}`, [
      formatSubprotocol(PROTOCOL_VERSION),
    ]);
    this.ws = ws;
    ws.on('error', () => undefined);
    ws.on('open', () => this.replica.connected((frame) => ws.send(frame)));
    ws.on('message', (data) => {
      const m = decodeSealed(new Uint8Array(data as Buffer));
      if (m.ok) void this.replica.receive(m.value);
    });
    ws.on('close', (code, reason) => {
      this.closes.push(`${code} ${reason.toString()}`);
      if (this.ws === ws) this.replica.disconnected();
    });
  }

  offline(): void {
    const ws = this.ws;
    this.ws = undefined;
    ws?.close();
    this.replica.disconnected();
  }

  posts(): string[] {
    return this.doc.getArray<string>('posts').toArray();
  }

  post(text: string): void {
    this.doc.getArray<string>('posts').push([text]);
  }

  destroy(): void {
    this.offline();
    this.doc.destroy();
  }
}
