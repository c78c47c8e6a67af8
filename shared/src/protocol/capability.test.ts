import { describe, expect, it } from 'vitest';
import {
  capabilityVerifier,
  isCapability,
  isCredentialToken,
  newCapability,
  parseHandshakeCredentials,
  READ_ONLY_TOKEN,
  relaySubprotocols,
  sameVerifier,
} from './capability';
import { CloseReason } from './closeCodes';
import { negotiateProtocol } from './handshake';

/** RFC 7230 token characters: what a Sec-WebSocket-Protocol value may hold. */
const TCHARS = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

describe('capabilities and handshake credentials', () => {
  it('[CAP1] verifiers are base64url SHA-256 of the capability text', () => {
    // SHA-256("abc") = ba7816bf 8f01cfea 414140de 5dae2223 b00361a3 96177a9c b410ff61 f20015ad
    expect(capabilityVerifier('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
    const cap = newCapability();
    expect(isCapability(cap)).toBe(true);
    expect(cap).toHaveLength(43);
    expect(capabilityVerifier(cap)).toHaveLength(43);
    expect(newCapability()).not.toBe(cap);
    expect(sameVerifier(capabilityVerifier(cap), capabilityVerifier(cap))).toBe(true);
    expect(sameVerifier(capabilityVerifier(cap), capabilityVerifier(`${cap}x`))).toBe(false);
  });

  it('[CAP2] relaySubprotocols builds tchar tokens the relay parses back', () => {
    const capability = newCapability();
    const readVerifier = capabilityVerifier(newCapability());
    const protocols = relaySubprotocols({
      capability,
      epoch: 'epoch_0123456789AB',
      readVerifier,
    });
    for (const token of protocols) expect(token).toMatch(TCHARS);
    expect(protocols[0]).toBe('ensemble.v1');
    expect(negotiateProtocol(protocols)).toEqual({
      ok: true,
      value: { version: 1, subprotocol: 'ensemble.v1' },
    });
    expect(parseHandshakeCredentials(protocols)).toEqual({
      ok: true,
      value: { capability, epoch: 'epoch_0123456789AB', readVerifier, readOnly: false },
    });
    expect(protocols.filter(isCredentialToken)).toHaveLength(3);
    const reader = relaySubprotocols({ capability, readOnly: true });
    expect(reader).toContain(READ_ONLY_TOKEN);
    expect(parseHandshakeCredentials(reader).ok && parseHandshakeCredentials(reader)).toEqual({
      ok: true,
      value: { capability, epoch: undefined, readVerifier: undefined, readOnly: true },
    });
  });

  it('[CAP3] refuses malformed values when building', () => {
    expect(() => relaySubprotocols({ capability: 'short' })).toThrow(RangeError);
    expect(() => relaySubprotocols({ capability: newCapability(), epoch: 'a b' })).toThrow();
    expect(() =>
      relaySubprotocols({ capability: newCapability(), readVerifier: 'nope' }),
    ).toThrow();
  });

  it.each([
    [['ensemble.v1', 'ensemble.cap.x']],
    [['ensemble.v1', `ensemble.cap.${'a'.repeat(87)}`]],
    [['ensemble.v1', `ensemble.cap.${'a'.repeat(30)}`, `ensemble.cap.${'b'.repeat(30)}`]],
    [['ensemble.v1', 'ensemble.epoch.short']],
    [['ensemble.v1', 'ensemble.readverifier.abc']],
  ])('[CAP4] refuses malformed or repeated tokens %j without quoting them', (offered) => {
    const result = parseHandshakeCredentials(offered);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.reason).toBe(CloseReason.MalformedMessage);
      expect(result.error.closeReason).not.toContain('aaaa');
    }
  });

  it('[CAP5] a stock client offering nothing has no credentials', () => {
    expect(parseHandshakeCredentials([])).toEqual({
      ok: true,
      value: { capability: undefined, epoch: undefined, readVerifier: undefined, readOnly: false },
    });
  });
});
