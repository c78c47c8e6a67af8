import type { CrdtDocument } from '../crdt/DocumentPort';

interface Entry {
  readonly roots: readonly string[];
  readonly versions: readonly number[];
  readonly value: unknown;
}

const caches = new WeakMap<CrdtDocument, Map<string, Entry>>();

/**
 * Memoises a value derived from some root maps of a document (membership,
 * attendance, item queues) until one of those roots changes, locally or
 * remotely, so that an RSVP does not recompute membership and a screen does
 * not rescan every RSVP on each render. Validity is checked against the
 * document's root versions, so a change listener reading a view right after a
 * change always sees it.
 */
export function derived<T>(
  doc: CrdtDocument,
  key: string,
  roots: readonly string[],
  compute: () => T,
): T {
  let cache = caches.get(doc);
  if (!cache) {
    cache = new Map();
    caches.set(doc, cache);
  }
  const versions = roots.map((root) => doc.rootVersion(root));
  const hit = cache.get(key);
  if (hit?.versions.every((version, i) => version === versions[i])) return hit.value as T;
  const value = compute();
  cache.set(key, { roots, versions, value });
  return value;
}
