import { err, ok, type Result } from '@ensemble/shared';

/** Why a relay address typed in the settings cannot be used. Stable strings: the UI translates them. */
export const RelayUrlError = {
  empty: 'empty',
  invalid: 'invalid',
  /** Not ws:// or wss:// (an http(s):// address, say). */
  scheme: 'scheme',
  /** A plain ws:// relay from an https:// page: browsers block it (mixed content). */
  mixedContent: 'mixed-content',
  /** Credentials or a fragment in the address: never sent to a relay that way. */
  secretInUrl: 'secret-in-url',
} as const;
export type RelayUrlError = (typeof RelayUrlError)[keyof typeof RelayUrlError];

/** The websocket path of our relay: `/sync/<room>`. */
const SYNC_PATH = '/sync';

/** The relay this app was served by: same host, `/sync`, ws or wss to match the page. */
export function defaultRelayUrl(location: Location = window.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${SYNC_PATH}`;
}

/**
 * Checks a relay address for a page served over `pageProtocol` ('https:' or 'http:')
 * and returns it in the form the connection uses: `wss://relay.example.org` becomes
 * `wss://relay.example.org/sync`; any other path is kept (a reverse proxy may use one).
 */
export function parseRelayUrl(input: string, pageProtocol: string): Result<string, RelayUrlError> {
  const text = input.trim();
  if (!text) return err(RelayUrlError.empty);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return err(RelayUrlError.invalid);
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return err(RelayUrlError.scheme);
  if (!url.hostname) return err(RelayUrlError.invalid);
  if (url.username || url.password || url.hash || text.includes('#')) {
    return err(RelayUrlError.secretInUrl);
  }
  if (url.protocol === 'ws:' && pageProtocol === 'https:') return err(RelayUrlError.mixedContent);
  const path = url.pathname.replace(/\/+$/, '');
  return ok(`${url.protocol}//${url.host}${path || SYNC_PATH}${url.search}`);
}
