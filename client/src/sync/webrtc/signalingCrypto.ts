import { base64UrlToBytes, bytesToBase64Url } from './pairingBytes';

/**
 * Signaling messages carry SDP (network addresses). They travel through the relay
 * encrypted with AES-GCM under a key derived from the community's write capability
 * (PBKDF2, the room id as salt): the relay cannot read them, and only devices that may
 * write to the community can take part (a peer trusts what it receives over WebRTC).
 * WebCrypto: secure contexts only.
 */
export async function signalingKey(capability: string, roomId: string): Promise<CryptoKey> {
  const encoder = new TextEncoder();
  const material = await crypto.subtle.importKey(
    'raw',
    encoder.encode(capability),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return crypto.subtle.deriveKey(
    {
      name: 'PBKDF2',
      salt: encoder.encode(`ensemble-signal:${roomId}`),
      iterations: 100_000,
      hash: 'SHA-256',
    },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function sealSignal(key: CryptoKey, value: unknown): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = new TextEncoder().encode(JSON.stringify(value));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain));
  const out = new Uint8Array(iv.length + sealed.length);
  out.set(iv);
  out.set(sealed, iv.length);
  return bytesToBase64Url(out);
}

/** undefined when the message was not sealed with this key (another community, a reader). */
export async function openSignal(key: CryptoKey, text: unknown): Promise<unknown> {
  if (typeof text !== 'string') return undefined;
  try {
    const bytes = base64UrlToBytes(text);
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes.subarray(0, 12) as Uint8Array<ArrayBuffer> },
      key,
      bytes.subarray(12) as Uint8Array<ArrayBuffer>,
    );
    return JSON.parse(new TextDecoder().decode(plain));
  } catch {
    return undefined;
  }
}
