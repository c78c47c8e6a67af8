import { toBase64UrlEncoded } from 'lib0/buffer';
import { digest } from 'lib0/hash/sha256';
import { encodeUtf8 } from 'lib0/string';
import { CloseReason } from './closeCodes';
import { formatSubprotocol, PROTOCOL_VERSION } from './handshake';
import { type DecodeResult, decoded, rejected } from './RelayError';

/**
 * Room capabilities and the handshake tokens that carry them (see
 * sync-server/PROTOCOL.md, "Handshake"). A capability is a random secret; the
 * relay stores only its verifier, `base64url(SHA-256(capability text))`.
 * Every token is base64url, so every subprotocol is made of RFC 7230 tchars.
 */

/** A room secret: 22-86 base64url characters (128-512 bits). Never log it. */
export type Capability = string & { readonly __brand: 'Capability' };
/** `base64url(SHA-256(capability))`: 43 characters; what the relay stores. */
export type CapabilityVerifier = string & { readonly __brand: 'CapabilityVerifier' };

export const CAPABILITY_TOKEN_PREFIX = 'ensemble.cap.';
export const READ_VERIFIER_TOKEN_PREFIX = 'ensemble.readverifier.';
export const EPOCH_TOKEN_PREFIX = 'ensemble.epoch.';
/** Offered by a client that holds a read-only capability: it never creates or adopts a room. */
export const READ_ONLY_TOKEN = 'ensemble.readonly';

const CAPABILITY_PATTERN = /^[A-Za-z0-9_-]{22,86}$/;
const VERIFIER_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const EPOCH_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export function isCapability(value: string): value is Capability {
  return CAPABILITY_PATTERN.test(value);
}

export function isCapabilityVerifier(value: string): value is CapabilityVerifier {
  return VERIFIER_PATTERN.test(value);
}

export function isDocumentEpoch(value: string): boolean {
  return EPOCH_PATTERN.test(value);
}

/** A new random capability: 256 bits as 43 base64url characters. */
export function newCapability(): Capability {
  return toBase64UrlEncoded(globalThis.crypto.getRandomValues(new Uint8Array(32))) as Capability;
}

/** The verifier the relay stores for `capability` (synchronous, works without crypto.subtle). */
export function capabilityVerifier(capability: string): CapabilityVerifier {
  return toBase64UrlEncoded(digest(encodeUtf8(capability))) as CapabilityVerifier;
}

/** Compares two verifiers without an early exit on the first differing character. */
export function sameVerifier(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export interface RelayCredentials {
  /** The room capability (write or read-only). */
  readonly capability: string;
  /** The document's creation id, once the client knows it. */
  readonly epoch?: string | undefined;
  /** When creating a room: the verifier of its read-only capability. */
  readonly readVerifier?: string | undefined;
  /** True when `capability` is a read-only one (the client never creates the room). */
  readonly readOnly?: boolean | undefined;
}

/**
 * The websocket subprotocols a client offers: pass them as the `protocols`
 * option of a `WebsocketProvider`. The secret travels in the
 * `Sec-WebSocket-Protocol` header, never in the URL that proxies log. Throws
 * a RangeError on a malformed value (a programming error, not user input).
 */
export function relaySubprotocols(credentials: RelayCredentials): string[] {
  const { capability, epoch, readVerifier, readOnly } = credentials;
  if (!isCapability(capability)) throw new RangeError('capability: 22-86 base64url characters');
  const protocols = [
    formatSubprotocol(PROTOCOL_VERSION),
    `${CAPABILITY_TOKEN_PREFIX}${capability}`,
  ];
  if (epoch !== undefined) {
    if (!isDocumentEpoch(epoch)) throw new RangeError('epoch: 16-64 base64url characters');
    protocols.push(`${EPOCH_TOKEN_PREFIX}${epoch}`);
  }
  if (readVerifier !== undefined) {
    if (!isCapabilityVerifier(readVerifier)) {
      throw new RangeError('readVerifier: a capabilityVerifier() value');
    }
    protocols.push(`${READ_VERIFIER_TOKEN_PREFIX}${readVerifier}`);
  }
  if (readOnly === true) protocols.push(READ_ONLY_TOKEN);
  return protocols;
}

/** What the relay reads from the offered subprotocols (besides the version). */
export interface HandshakeCredentials {
  readonly capability: Capability | undefined;
  readonly epoch: string | undefined;
  readonly readVerifier: CapabilityVerifier | undefined;
  readonly readOnly: boolean;
}

/**
 * Reads the credential tokens among the offered subprotocols. A malformed or
 * repeated token is refused (4400); the refusal never quotes the value.
 * Unrelated subprotocols are ignored.
 */
export function parseHandshakeCredentials(
  offered: readonly string[],
): DecodeResult<HandshakeCredentials> {
  let capability: Capability | undefined;
  let epoch: string | undefined;
  let readVerifier: CapabilityVerifier | undefined;
  let readOnly = false;
  for (const token of offered) {
    if (token.startsWith(CAPABILITY_TOKEN_PREFIX)) {
      const value = token.slice(CAPABILITY_TOKEN_PREFIX.length);
      if (capability !== undefined)
        return rejected(CloseReason.MalformedMessage, 'two capabilities');
      if (!isCapability(value))
        return rejected(CloseReason.MalformedMessage, 'malformed capability');
      capability = value;
    } else if (token.startsWith(EPOCH_TOKEN_PREFIX)) {
      const value = token.slice(EPOCH_TOKEN_PREFIX.length);
      if (epoch !== undefined) return rejected(CloseReason.MalformedMessage, 'two epochs');
      if (!isDocumentEpoch(value)) return rejected(CloseReason.MalformedMessage, 'malformed epoch');
      epoch = value;
    } else if (token.startsWith(READ_VERIFIER_TOKEN_PREFIX)) {
      const value = token.slice(READ_VERIFIER_TOKEN_PREFIX.length);
      if (readVerifier !== undefined) {
        return rejected(CloseReason.MalformedMessage, 'two read verifiers');
      }
      if (!isCapabilityVerifier(value)) {
        return rejected(CloseReason.MalformedMessage, 'malformed read verifier');
      }
      readVerifier = value;
    } else if (token === READ_ONLY_TOKEN) {
      readOnly = true;
    }
  }
  return decoded({ capability, epoch, readVerifier, readOnly });
}

/** True for offered subprotocols that carry a secret or a verifier: never echo or log them. */
export function isCredentialToken(token: string): boolean {
  return (
    token.startsWith(CAPABILITY_TOKEN_PREFIX) ||
    token.startsWith(READ_VERIFIER_TOKEN_PREFIX) ||
    token.startsWith(EPOCH_TOKEN_PREFIX)
  );
}
