import { encodeAwarenessUpdate, encodeWireMessage } from '@ensemble/shared';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** A small seeded PRNG (mulberry32): the same seed gives the same frames. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Valid frames to mutate: sync step 1 / step 2 / updates from a generator
 * document edited at random (array, map, text, deletions), awareness updates
 * and query-awareness. Nothing touches the root type `items` that the
 * well-behaved client uses.
 */
export function validFrames(random: () => number, count = 300): Uint8Array[] {
  const doc = new Y.Doc();
  doc.clientID = 1_000_000 + Math.floor(random() * 1_000_000);
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const list = doc.getArray<unknown>('fuzz-list');
  const map = doc.getMap<unknown>('fuzz-map');
  const text = doc.getText('fuzz-text');
  for (let i = 0; i < count; i++) {
    const op = Math.floor(random() * 5);
    if (op === 0) list.insert(Math.floor(random() * (list.length + 1)), [i, `s${i}`]);
    else if (op === 1) map.set(`k${Math.floor(random() * 20)}`, { n: i, nested: [i] });
    else if (op === 2) text.insert(Math.floor(random() * (text.length + 1)), `t${i} `);
    else if (op === 3 && list.length > 0) list.delete(Math.floor(random() * list.length), 1);
    else if (text.length > 2) text.delete(0, 2);
  }
  const frames: Uint8Array[] = [];
  for (const update of updates) {
    frames.push(encodeWireMessage({ type: 'syncUpdate', update }));
  }
  frames.push(encodeWireMessage({ type: 'syncStep2', update: Y.encodeStateAsUpdate(doc) }));
  frames.push(encodeWireMessage({ type: 'syncStep1', stateVector: Y.encodeStateVector(doc) }));
  frames.push(encodeWireMessage({ type: 'syncStep1', stateVector: Uint8Array.of(0) }));
  for (let i = 0; i < 40; i++) {
    frames.push(
      encodeWireMessage({
        type: 'awareness',
        update: encodeAwarenessUpdate([
          {
            clientId: 5_000_000 + Math.floor(random() * 1000),
            clock: 1 + Math.floor(random() * 10),
            stateJson: random() < 0.2 ? 'null' : JSON.stringify({ user: `u${i}`, cursor: i }),
          },
        ]),
      }),
    );
  }
  frames.push(encodeWireMessage({ type: 'queryAwareness' }));
  doc.destroy();
  return frames;
}

export type Mutation =
  | 'valid'
  | 'bitflip'
  | 'truncate'
  | 'length-lie'
  | 'type-swap'
  | 'random'
  | 'insert-delete'
  | 'splice'
  | 'huge-varint'
  | 'oversize'
  | 'text';

const WEIGHTS: readonly [Mutation, number][] = [
  ['valid', 8],
  ['bitflip', 25],
  ['truncate', 12],
  ['length-lie', 14],
  ['type-swap', 12],
  ['random', 10],
  ['insert-delete', 8],
  ['splice', 6],
  ['huge-varint', 3],
  ['oversize', 1],
  ['text', 1],
];

/** Makes fuzz frames from a corpus of valid ones. */
export class FrameMutator {
  private readonly random: () => number;
  private readonly corpus: readonly Uint8Array[];
  private readonly oversizeBytes: number;
  private readonly totalWeight = WEIGHTS.reduce((sum, [, w]) => sum + w, 0);

  constructor(random: () => number, corpus: readonly Uint8Array[], oversizeBytes: number) {
    this.random = random;
    this.corpus = corpus;
    this.oversizeBytes = oversizeBytes;
  }

  next(): { mutation: Mutation; frame: Uint8Array | string } {
    let pick = this.random() * this.totalWeight;
    let mutation: Mutation = 'valid';
    for (const [name, weight] of WEIGHTS) {
      pick -= weight;
      if (pick < 0) {
        mutation = name;
        break;
      }
    }
    return { mutation, frame: this.apply(mutation) };
  }

  private int(below: number): number {
    return Math.floor(this.random() * below);
  }

  private sample(): Uint8Array {
    return (this.corpus[this.int(this.corpus.length)] ?? Uint8Array.of(3)).slice();
  }

  private apply(mutation: Mutation): Uint8Array | string {
    const frame = this.sample();
    switch (mutation) {
      case 'valid':
        return frame;
      case 'bitflip': {
        const flips = 1 + this.int(4);
        for (let i = 0; i < flips; i++) {
          const at = this.int(frame.length);
          frame[at] = (frame[at] ?? 0) ^ (1 << this.int(8));
        }
        return frame;
      }
      case 'truncate':
        return frame.subarray(0, this.int(frame.length));
      case 'length-lie':
        return this.lieAboutLength(frame);
      case 'type-swap': {
        if (this.random() < 0.5 || frame.length < 2) frame[0] = this.int(6);
        else frame[1] = this.int(5);
        return frame;
      }
      case 'random':
        return Uint8Array.from({ length: 1 + this.int(120) }, () => this.int(256));
      case 'insert-delete': {
        const at = this.int(frame.length + 1);
        if (this.random() < 0.5) {
          return Uint8Array.from([...frame.subarray(0, at), this.int(256), ...frame.subarray(at)]);
        }
        return Uint8Array.from([...frame.subarray(0, at), ...frame.subarray(at + 1)]);
      }
      case 'splice': {
        const other = this.sample();
        return Uint8Array.from([
          ...frame.subarray(0, this.int(frame.length + 1)),
          ...other.subarray(this.int(other.length + 1)),
        ]);
      }
      case 'huge-varint':
        return Uint8Array.from([
          ...frame.subarray(0, this.int(3)),
          ...Array.from({ length: 5 + this.int(10) }, () => 0xff),
          ...frame.subarray(3),
        ]);
      case 'oversize':
        return Uint8Array.from({ length: this.oversizeBytes + 1 + this.int(100) }, () => 0);
      case 'text':
        return `not binary ${this.int(1000)}`;
    }
  }

  /** Rewrites the payload length varuint of a sync or awareness frame. */
  private lieAboutLength(frame: Uint8Array): Uint8Array {
    const isSync = frame[0] === 0;
    const headerBytes = isSync ? 2 : 1;
    let payloadLength = 0;
    let shift = 0;
    let at = headerBytes;
    for (; at < frame.length; at++) {
      const byte = frame[at] ?? 0;
      payloadLength += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (byte < 0x80) {
        at++;
        break;
      }
    }
    const choices = [
      payloadLength + 1 + this.int(10),
      Math.max(0, payloadLength - 1 - this.int(10)),
      0,
      2 ** 31 + this.int(1000),
      this.int(frame.length * 2),
    ];
    const lie = choices[this.int(choices.length)] ?? 0;
    const encoder = encoding.createEncoder();
    encoding.writeUint8Array(encoder, frame.subarray(0, headerBytes));
    encoding.writeVarUint(encoder, lie);
    encoding.writeUint8Array(encoder, frame.subarray(at));
    return encoding.toUint8Array(encoder);
  }
}
