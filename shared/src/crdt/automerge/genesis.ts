import * as A from '@automerge/automerge';
import { digest } from 'lib0/hash/sha256';
import { encodeUtf8 } from 'lib0/string';

/**
 * [AM2] Root maps come from a deterministic "genesis" change per root name: a fixed
 * actor (derived from the name), sequence 1, no dependencies, time 0. Two replicas
 * that create the same root while apart produce the SAME change (same hash), so
 * the root exists once and both replicas' keys merge in it. (Two ordinary changes
 * each creating `doc.tasks = {}` would conflict, and one side's tasks would vanish.)
 */
const ROOT_ACTOR_SEED = 'ensemble-automerge-root:';
const cache = new Map<string, Uint8Array>();

/** A root is a map (the port's `map(name)`) or collaborative rich text (a project's notes). */
export type RootKind = 'map' | 'text';

const hex = (bytes: Uint8Array): string =>
  Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

/** The actor id of the genesis change of `root` (16 bytes of SHA-256 of the name, hex). */
export function rootActor(root: string, kind: RootKind = 'map'): string {
  const seed = kind === 'map' ? ROOT_ACTOR_SEED : `${ROOT_ACTOR_SEED}${kind}:`;
  return hex(digest(encodeUtf8(`${seed}${root}`)).subarray(0, 16));
}

/** The bytes of the change creating root `root`, identical on every replica. */
export function genesisChange(root: string, kind: RootKind = 'map'): Uint8Array {
  const key = `${kind}:${root}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const actor = rootActor(root, kind);
  const doc = A.change(A.init<Record<string, unknown>>({ actor }), { time: 0 }, (d) => {
    d[root] = kind === 'map' ? {} : '';
  });
  const change = A.getLastLocalChange(doc);
  A.free(doc);
  if (!change) throw new Error(`no genesis change for root ${root}`);
  cache.set(key, change);
  return change;
}
