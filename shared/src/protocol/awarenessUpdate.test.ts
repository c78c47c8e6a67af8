import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { decodeAwarenessUpdate, encodeAwarenessUpdate } from './awarenessUpdate';
import { CloseReason } from './closeCodes';

describe('awareness updates', () => {
  it('[AWARE1] decodes what y-protocols encodes, and encodes what it applies', () => {
    const doc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState({ user: { name: 'Ada', colour: '#f00' } });
    const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
    const result = decodeAwarenessUpdate(update);
    expect(result).toEqual({
      ok: true,
      value: [
        { clientId: doc.clientID, clock: 1, stateJson: '{"user":{"name":"Ada","colour":"#f00"}}' },
      ],
    });

    const other = new awarenessProtocol.Awareness(new Y.Doc());
    const removal = encodeAwarenessUpdate([
      { clientId: doc.clientID, clock: 2, stateJson: 'null' },
    ]);
    awarenessProtocol.applyAwarenessUpdate(other, update, 'test');
    expect(other.getStates().get(doc.clientID)).toEqual({ user: { name: 'Ada', colour: '#f00' } });
    awarenessProtocol.applyAwarenessUpdate(other, removal, 'test');
    expect(other.getStates().has(doc.clientID)).toBe(false);
    awareness.destroy();
    other.destroy();
  });

  it('[AWARE2] rejects truncated input, bad JSON, trailing bytes and absurd counts', () => {
    const good = encodeAwarenessUpdate([{ clientId: 1, clock: 1, stateJson: '{}' }]);
    const inputs = [
      good.subarray(0, good.length - 1),
      encodeAwarenessUpdate([{ clientId: 1, clock: 1, stateJson: '{not json' }]),
      Uint8Array.from([...good, 0]),
      Uint8Array.from([0xff, 0xff, 0x7f]),
    ];
    for (const input of inputs) {
      const result = decodeAwarenessUpdate(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.reason).toBe(CloseReason.MalformedMessage);
    }
  });
});
