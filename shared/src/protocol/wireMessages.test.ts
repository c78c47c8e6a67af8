import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CLOSE_CODES, CloseReason } from './closeCodes';
import type { WireMessage } from './messageTypes';
import { decodeWireMessage, encodeWireMessage } from './wireMessages';

const frame = (write: (e: encoding.Encoder) => void): Uint8Array => {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
};

describe('wire messages', () => {
  const doc = new Y.Doc();
  doc.getArray('items').push(['a', 'b']);
  const update = Y.encodeStateAsUpdate(doc);
  const stateVector = Y.encodeStateVector(doc);

  it('[WIRE1] encodes byte-for-byte like y-protocols / y-websocket', () => {
    const step1 = frame((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep1(e, doc);
    });
    const step2 = frame((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep2(e, doc);
    });
    const upd = frame((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeUpdate(e, update);
    });
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState({ name: 'Ada' });
    const awarenessBytes = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
    expect(encodeWireMessage({ type: 'syncStep1', stateVector })).toEqual(step1);
    expect(encodeWireMessage({ type: 'syncStep2', update })).toEqual(step2);
    expect(encodeWireMessage({ type: 'syncUpdate', update })).toEqual(upd);
    expect(encodeWireMessage({ type: 'awareness', update: awarenessBytes })).toEqual(
      frame((e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint8Array(e, awarenessBytes);
      }),
    );
    expect(encodeWireMessage({ type: 'queryAwareness' })).toEqual(Uint8Array.of(3));
    awareness.destroy();
  });

  it('[WIRE2] round-trips every message type', () => {
    const messages: WireMessage[] = [
      { type: 'syncStep1', stateVector },
      { type: 'syncStep2', update },
      { type: 'syncUpdate', update },
      { type: 'awareness', update: Uint8Array.of(0) },
      { type: 'queryAwareness' },
      { type: 'authPermissionDenied', reason: 'no capability' },
    ];
    for (const message of messages) {
      const result = decodeWireMessage(encodeWireMessage(message));
      expect(result).toEqual({ ok: true, value: message });
    }
  });

  it.each([
    ['empty frame', [], CloseReason.MalformedMessage],
    ['truncated varint', [0x80], CloseReason.MalformedMessage],
    ['sync without step', [0], CloseReason.MalformedMessage],
    ['unknown sync step', [0, 9, 0], CloseReason.MalformedMessage],
    ['payload longer than frame', [0, 2, 5, 1, 2], CloseReason.MalformedMessage],
    ['trailing bytes', [0, 2, 1, 0, 42], CloseReason.MalformedMessage],
    ['unknown message type', [7], CloseReason.UnsupportedMessage],
    ['huge message type', [0xff, 0xff, 0xff, 0x7f], CloseReason.UnsupportedMessage],
    ['unknown auth type', [2, 5], CloseReason.UnsupportedMessage],
  ])('[WIRE3] rejects %s with a reason and its close code', (_, input, reason) => {
    const result = decodeWireMessage(Uint8Array.from(input));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.reason).toBe(reason);
      expect(result.error.closeCode).toBe(CLOSE_CODES[reason].code);
      expect(result.error.closeReason.length).toBeGreaterThan(reason.length);
    }
  });

  it('[WIRE4] never throws on random bytes', () => {
    let seed = 12345;
    const next = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed & 0xff;
    };
    for (let i = 0; i < 2000; i++) {
      const input = Uint8Array.from({ length: 1 + (i % 40) }, next);
      expect(() => decodeWireMessage(input)).not.toThrow();
    }
  });
});
