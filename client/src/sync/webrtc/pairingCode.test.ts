import { describe, expect, it } from 'vitest';
import {
  checksum,
  decodePairingCode,
  encodePairingCode,
  joinPairingParts,
  type PairingMessage,
  parsePairingPart,
  splitPastedCode,
} from './pairingCode';

const community = 'k3Jd8sPq0aZx1bYw';
// An SDP like Chromium's, with its ICE candidates: what a pairing code carries.
const sdp = [
  'v=0',
  'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0',
  'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
  'c=IN IP4 0.0.0.0',
  'a=candidate:1 1 udp 2113937151 192.168.1.23 54321 typ host generation 0',
  'a=candidate:2 1 udp 2113939711 10.0.0.7 54322 typ host generation 0',
  'a=ice-ufrag:Qx7n',
  'a=ice-pwd:5m1Bz9cW0oKkq2GfX3m8kE1l',
  'a=fingerprint:sha-256 1A:2B:3C:4D:5E:6F:70:81:92:A3:B4:C5:D6:E7:F8:09:1A:2B:3C:4D:5E:6F:70:81:92:A3:B4:C5:D6:E7:F8:09',
  'a=setup:actpass',
  'a=mid:0',
  'a=sctp-port:5000',
  'a=max-message-size:262144',
].join('\r\n');
const offer: PairingMessage = { kind: 'offer', communityId: community, epoch: 'ep0ch', sdp };
const expectOffer = { kind: 'offer', communityId: community, epoch: 'ep0ch' } as const;

describe('pairing codes', () => {
  it('round-trips an offer, compressed, in one part or several', async () => {
    const code = await encodePairingCode(offer, 80);
    expect(code.parts.length).toBeGreaterThan(1);
    code.parts.forEach((part, i) => {
      expect(part).toMatch(
        new RegExp(`^ENS1:${i + 1}/${code.parts.length}:${code.tag}:[A-Za-z0-9_-]+$`),
      );
    });
    // Deflated: smaller than the SDP it carries.
    expect(code.text.length).toBeLessThan(sdp.length);
    const decoded = await decodePairingCode([...code.parts].reverse(), expectOffer);
    expect(decoded).toEqual({ ok: true, value: { ...offer, tag: code.tag } });
    const pasted = await decodePairingCode(splitPastedCode(`  ${code.text}\n`), expectOffer);
    expect(pasted.ok).toBe(true);
  });

  it('accepts a part read twice, and says how many parts are missing', async () => {
    const code = await encodePairingCode(offer, 80);
    const [first, second] = code.parts as [string, string];
    expect(joinPairingParts([first, first, second])).toEqual({
      ok: false,
      error: { reason: 'missing-parts', read: 2, total: code.parts.length },
    });
  });

  it('refuses parts of two different codes', async () => {
    const one = await encodePairingCode(offer, 80);
    const other = await encodePairingCode({ ...offer, sdp: `${sdp}\r\na=x` }, 80);
    expect(joinPairingParts([one.parts[0] as string, other.parts[1] as string])).toEqual({
      ok: false,
      error: { reason: 'mixed-codes' },
    });
  });

  it('refuses a code truncated at any length, or with a character changed', async () => {
    const { text } = await encodePairingCode(offer);
    const header = text.slice(0, text.lastIndexOf(':') + 1).length;
    for (let cut = 1; cut < text.length; cut++) {
      const result = await decodePairingCode([text.slice(0, cut)], expectOffer);
      expect(result.ok, `cut at ${cut}`).toBe(false);
      if (!result.ok && cut > header) expect(result.error.reason).toBe('damaged');
    }
    const middle = header + 10;
    const altered = `${text.slice(0, middle)}${text[middle] === 'A' ? 'B' : 'A'}${text.slice(middle + 1)}`;
    expect(await decodePairingCode([altered], expectOffer)).toEqual({
      ok: false,
      error: { reason: 'damaged' },
    });
  });

  it('says plainly what is wrong with text that is not a code', () => {
    expect(parsePairingPart('https://example.org')).toEqual({
      ok: false,
      error: { reason: 'not-a-code' },
    });
    expect(parsePairingPart('ENS1:garbage')).toEqual({ ok: false, error: { reason: 'damaged' } });
    expect(parsePairingPart('ENS1:3/2:abc:AAAA')).toEqual({
      ok: false,
      error: { reason: 'damaged' },
    });
    expect(parsePairingPart('ENS2:1/1:abc:AAAA')).toEqual({
      ok: false,
      error: { reason: 'newer-version' },
    });
  });

  it('refuses a checksummed code whose content is not a pairing message', async () => {
    const data = 'bm90LWRlZmxhdGU';
    const text = `ENS1:1/1:${checksum(data)}:${data}`;
    expect(await decodePairingCode([text], expectOffer)).toEqual({
      ok: false,
      error: { reason: 'damaged' },
    });
  });

  it('refuses a code for another community, another copy of it, or the wrong step', async () => {
    const other = await encodePairingCode({ ...offer, communityId: 'Zz9Yy8Xx7Ww6Vv5U' });
    expect(await decodePairingCode(other.parts, expectOffer)).toEqual({
      ok: false,
      error: { reason: 'wrong-community' },
    });
    const otherCopy = await encodePairingCode({ ...offer, epoch: 'another' });
    expect(await decodePairingCode(otherCopy.parts, expectOffer)).toEqual({
      ok: false,
      error: { reason: 'other-document' },
    });
    const code = await encodePairingCode(offer);
    expect(await decodePairingCode(code.parts, { kind: 'answer', communityId: community })).toEqual(
      { ok: false, error: { reason: 'unexpected-kind', expected: 'answer' } },
    );
  });

  it('binds an answer to the offer it answers', async () => {
    const answer = await encodePairingCode({
      kind: 'answer',
      communityId: community,
      sdp,
      offerTag: 'abc123',
    });
    const expectAnswer = { kind: 'answer', communityId: community } as const;
    expect(
      (await decodePairingCode(answer.parts, { ...expectAnswer, offerTag: 'abc123' })).ok,
    ).toBe(true);
    expect(await decodePairingCode(answer.parts, { ...expectAnswer, offerTag: 'zzz999' })).toEqual({
      ok: false,
      error: { reason: 'other-pairing' },
    });
  });
});
