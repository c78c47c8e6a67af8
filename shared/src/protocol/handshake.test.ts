import { describe, expect, it } from 'vitest';
import { CLOSE_CODES, CloseReason, closeReasonForCode, formatCloseReason } from './closeCodes';
import { formatSubprotocol, negotiateProtocol, PROTOCOL_VERSION } from './handshake';
import { parseRoomId } from './roomId';

describe('handshake', () => {
  it('[HAND1] treats a client offering no subprotocol (stock y-websocket) as v1', () => {
    expect(negotiateProtocol([])).toEqual({ ok: true, value: { version: 1, subprotocol: null } });
  });

  it('[HAND2] selects the newest supported version and ignores unrelated subprotocols', () => {
    const offered = ['something-else', formatSubprotocol(PROTOCOL_VERSION), formatSubprotocol(99)];
    expect(negotiateProtocol(offered)).toEqual({
      ok: true,
      value: { version: PROTOCOL_VERSION, subprotocol: `ensemble.v${PROTOCOL_VERSION}` },
    });
  });

  it.each([
    [[formatSubprotocol(PROTOCOL_VERSION + 1)], CloseReason.ProtocolTooNew],
    [['ensemble.v0'], CloseReason.ClientTooOld],
    [['chat', 'ensemble.vX'], CloseReason.MalformedMessage],
  ])('[HAND3] refuses %j with %s (a permanent code)', (offered, reason) => {
    const result = negotiateProtocol(offered);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.reason).toBe(reason);
  });
});

describe('room ids', () => {
  it.each(['community_42-events', 'x'.repeat(16), 'x'.repeat(64), 'AAAAAAAAAAAAAAAAAAAAAA'])(
    '[ROOM1] accepts %s',
    (id) => {
      expect(parseRoomId(id).ok).toBe(true);
    },
  );
  it.each([
    '',
    'a',
    'x'.repeat(15),
    'x'.repeat(65),
    'a/b',
    '../etc',
    'a b',
    'é',
    'a%2F',
    'a\u0000',
  ])('[ROOM2] refuses %j with not-found', (id) => {
    const result = parseRoomId(id);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.closeCode).toBe(4404);
  });
});

describe('close codes', () => {
  it('[CLOSE1] are unique, permanent exactly in 4400-4499, transient in 4500-4599', () => {
    const codes = Object.values(CLOSE_CODES).map((info) => info.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const info of Object.values(CLOSE_CODES)) {
      expect(info.code >= 4400 && info.code < 4600).toBe(true);
      expect(info.permanent).toBe(info.code < 4500);
    }
    expect(closeReasonForCode(4413)).toBe(CloseReason.MessageTooLarge);
    expect(closeReasonForCode(1000)).toBeUndefined();
  });

  it('[CLOSE2] reason text fits a close frame and is ASCII', () => {
    const text = formatCloseReason(CloseReason.MalformedMessage, `é${'x'.repeat(300)}`);
    expect(text.length).toBeLessThanOrEqual(123);
    expect(/^[\x20-\x7e]*$/.test(text)).toBe(true);
  });
});
