import { describe, expect, it } from 'vitest';
import { parseRoomEngine, roomKindSubprotocol } from './roomKind';

describe('room kinds in the handshake', () => {
  it('[KIND1] no token is Yjs (stock clients); the token names Automerge; two or an unknown one are refused', () => {
    expect(parseRoomEngine(['ensemble.v1'])).toEqual({ ok: true, value: 'yjs' });
    expect(parseRoomEngine(['ensemble.v1', roomKindSubprotocol('automerge')])).toEqual({
      ok: true,
      value: 'automerge',
    });
    const two = parseRoomEngine([roomKindSubprotocol('yjs'), roomKindSubprotocol('automerge')]);
    expect(two.ok ? 'accepted' : two.error.reason).toBe('malformed-message');
    const unknown = parseRoomEngine(['ensemble.kind.loro']);
    expect(unknown.ok ? 'accepted' : unknown.error.reason).toBe('unsupported-message');
  });
});
