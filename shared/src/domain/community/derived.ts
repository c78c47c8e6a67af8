import type { CrdtDocument } from '../../crdt/DocumentPort';

interface Entry {
  readonly roots: readonly string[];
  readonly value: unknown;
}

const caches = new WeakMap<CrdtDocument, Map<string, Entry>>();

/**
 * Memoises a value derived from some root maps of a document (membership,
 * attendance, item queues) until one of those roots changes, locally or
 * remotely, so that an RSVP does not recompute membership and a screen does
 * not rescan every RSVP on each render.
 */
export function derived<T>(
  doc: CrdtDocument,
  key: string,
  roots: readonly string[],
  compute: () => T,
): T {
  let cache = caches.get(doc);
  if (!cache) {
    const fresh = new Map<string, Entry>();
    doc.onChange(({ roots: changed }) => {
      for (const [name, entry] of fresh) {
        if (entry.roots.some((root) => changed.has(root))) fresh.delete(name);
      }
    });
    caches.set(doc, fresh);
    cache = fresh;
  }
  const hit = cache.get(key);
  if (hit) return hit.value as T;
  const value = compute();
  cache.set(key, { roots, value });
  return value;
}
