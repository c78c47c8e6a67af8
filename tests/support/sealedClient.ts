import {
  authPayload,
  type DeviceKeys,
  decodeSealed,
  encodeRecord,
  encodeSealed,
  formatSubprotocol,
  type MembershipOp,
  PROTOCOL_VERSION,
  type SealedMessage,
  SealedTag,
  signBytes,
} from '@ensemble/shared';
import { WebSocket } from 'ws';

/** A Node client of the relay's `/sealed/<community>` endpoint that records what it receives. */
export interface SealedClient {
  readonly ops: Uint8Array[];
  readonly envelopes: Uint8Array[];
  readonly refusals: { kind: number; ref: number; reason: string }[];
  readonly acks: { index: number; counter: number }[];
  /** Every frame received after the challenge, in order. */
  readonly received: SealedMessage[];
  readonly closed: Promise<{ code: number; reason: string }>;
  isOpen(): boolean;
  appendOp(op: MembershipOp): void;
  put(envelope: Uint8Array): void;
  close(): void;
}

/** `base`: the relay's http URL. Resolves once the auth message has been sent. */
export async function sealedClient(
  base: string,
  community: string,
  keys: DeviceKeys,
  known: { ops?: number; envelopes?: number } = {},
): Promise<SealedClient> {
  const url = `${base.replace(/^http/, 'ws')}/sealed/${community}`;
  const ws = new WebSocket(url, [formatSubprotocol(PROTOCOL_VERSION)]);
  const client = {
    ops: [] as Uint8Array[],
    envelopes: [] as Uint8Array[],
    refusals: [] as { kind: number; ref: number; reason: string }[],
    acks: [] as { index: number; counter: number }[],
    received: [] as SealedMessage[],
  };
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  ws.on('error', () => undefined);
  const authed = new Promise<void>((resolve, reject) => {
    ws.on('message', (data) => {
      const decoded = decodeSealed(new Uint8Array(data as Buffer));
      if (!decoded.ok) return reject(new Error(decoded.error));
      const m = decoded.value;
      switch (m.tag) {
        case SealedTag.Challenge:
          signBytes(keys, authPayload(community, m.nonce)).then((signature) => {
            ws.send(
              encodeSealed({
                tag: SealedTag.Auth,
                device: keys.signPublic,
                signature,
                knownOps: known.ops ?? 0,
                knownEnvelopes: known.envelopes ?? 0,
              }),
            );
            resolve();
          }, reject);
          return;
        case SealedTag.Ops:
          client.received.push(m);
          m.items.forEach((item, i) => {
            client.ops[m.first + i] = item;
          });
          return;
        case SealedTag.Envelopes:
          client.received.push(m);
          m.items.forEach((item, i) => {
            client.envelopes[m.first + i] = item;
          });
          return;
        case SealedTag.Refused:
          client.received.push(m);
          client.refusals.push({ kind: m.kind, ref: m.ref, reason: m.reason });
          return;
        case SealedTag.Ack:
          client.received.push(m);
          client.acks.push({ index: m.index, counter: m.counter });
          return;
        default:
          reject(new Error(`unexpected tag ${m.tag}`));
      }
    });
    closed.then(() => reject(new Error('closed before the challenge')), reject);
  });
  await authed;
  return {
    ...client,
    closed,
    isOpen: () => ws.readyState === WebSocket.OPEN,
    appendOp: (op) => ws.send(encodeSealed({ tag: SealedTag.AppendOp, op: encodeRecord(op) })),
    put: (envelope) => ws.send(encodeSealed({ tag: SealedTag.Put, envelope })),
    close: () => ws.close(),
  };
}
