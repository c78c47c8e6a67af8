import { err, ok, type Result } from '@ensemble/shared';
import { parseRoute } from '../../router/routes';

/** Why a scanned text cannot be used to join a community. */
export const JoinLinkProblem = {
  /** A pairing code of "sync with a nearby device": read on the pairing screen instead. */
  pairingCode: 'pairing-code',
  /** Shaped like an Ensemble invite, but cut or altered (a bad scan, a truncated copy). */
  damagedInvite: 'damaged-invite',
  /** A web address (http or https), but not an Ensemble invite. */
  otherLink: 'other-link',
  /** Not a web address: some text, a Wi-Fi code, a contact card, a `mailto:`… */
  notALink: 'not-a-link',
} as const;
export type JoinLinkProblem = (typeof JoinLinkProblem)[keyof typeof JoinLinkProblem];

/**
 * The app address to open (`#/join/…`) for the text of a scanned QR code, when it is an
 * Ensemble invite link. The link may come from another origin (the group's own server,
 * a public instance): only its fragment matters, and it is opened in this app, where
 * this device's key and communities live. Nothing is sent anywhere.
 */
export function readJoinLink(text: string): Result<string, JoinLinkProblem> {
  const trimmed = text.trim();
  if (/^ENS\d+:/.test(trimmed)) return err(JoinLinkProblem.pairingCode);
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return err(JoinLinkProblem.notALink);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return err(JoinLinkProblem.notALink);
  if (!url.hash.startsWith('#/join/')) return err(JoinLinkProblem.otherLink);
  const route = parseRoute(url.hash);
  if (route.name !== 'join') return err(JoinLinkProblem.damagedInvite);
  return ok(url.hash);
}
