// shared/ has no DOM and no Node types; both runtimes provide Web Crypto's
// getRandomValues on globalThis.crypto (Node >= 19, every browser).
declare global {
  var crypto: { getRandomValues<T extends ArrayBufferView>(array: T): T };
}

export {};
