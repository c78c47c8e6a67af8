import { describe, expect, it } from 'vitest';
import { parseRelayUrl, RelayUrlError } from './relayUrl';

describe('parseRelayUrl', () => {
  it('adds the relay’s /sync path to a bare host and keeps any other path', () => {
    expect(parseRelayUrl(' wss://relais.example.org ', 'https:')).toEqual({
      ok: true,
      value: 'wss://relais.example.org/sync',
    });
    expect(parseRelayUrl('wss://example.org:8443/ensemble/sync/', 'https:')).toEqual({
      ok: true,
      value: 'wss://example.org:8443/ensemble/sync',
    });
    expect(parseRelayUrl('ws://192.168.1.20:8787/sync', 'http:')).toEqual({
      ok: true,
      value: 'ws://192.168.1.20:8787/sync',
    });
  });

  it('refuses what cannot be a relay address, with a reason the screen can explain', () => {
    expect(parseRelayUrl('   ', 'https:')).toEqual({ ok: false, error: RelayUrlError.empty });
    expect(parseRelayUrl('relais.example.org', 'https:')).toEqual({
      ok: false,
      error: RelayUrlError.invalid,
    });
    expect(parseRelayUrl('https://relais.example.org', 'https:')).toEqual({
      ok: false,
      error: RelayUrlError.scheme,
    });
    expect(parseRelayUrl('wss://user:pw@relais.example.org', 'https:')).toEqual({
      ok: false,
      error: RelayUrlError.secretInUrl,
    });
    expect(parseRelayUrl('wss://relais.example.org/sync#cap', 'https:')).toEqual({
      ok: false,
      error: RelayUrlError.secretInUrl,
    });
  });

  it('refuses ws:// from an https page (the browser would block it) but accepts it over http', () => {
    expect(parseRelayUrl('ws://relais.example.org/sync', 'https:')).toEqual({
      ok: false,
      error: RelayUrlError.mixedContent,
    });
    expect(parseRelayUrl('ws://relais.example.org/sync', 'http:').ok).toBe(true);
  });
});
