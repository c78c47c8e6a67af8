import * as A from '@automerge/automerge';
import { decodeUtf8 } from 'lib0/string';
import type { CrdtMap, DocumentVersion, DocumentVersions, JsonValue } from '../DocumentPort';
import type { AutomergeDocument } from './AutomergeDocument';
import { rootActor } from './genesis';

type Obj = Record<string, unknown>;
type Op = A.DecodedChange['ops'][number];

/** The value an operation wrote, as the port reads it (JSON bytes parsed). */
function writtenValue(op: Op): JsonValue | undefined {
  const value = (op as { value?: unknown }).value;
  if (value instanceof Uint8Array || Array.isArray(value)) {
    return JSON.parse(decodeUtf8(Uint8Array.from(value as ArrayLike<number>))) as JsonValue;
  }
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
    return value as JsonValue;
  }
  return undefined;
}

function copyMap(from: CrdtMap, to: CrdtMap): void {
  for (const key of to.keys()) if (!from.has(key)) to.delete(key);
  for (const key of from.keys()) {
    const nested = from.getMap(key);
    if (nested) {
      copyMap(nested, to.getMap(key) ?? to.setMap(key));
      continue;
    }
    const value = from.getValue(key);
    if (value === undefined) continue;
    if (to.getMap(key) || JSON.stringify(to.getValue(key)) !== JSON.stringify(value)) {
      to.set(key, value);
    }
  }
}

/**
 * [AM8] The history of an Automerge document, read from its changes (no second copy):
 * who (actor), when, which roots, what was written in root maps. Genesis changes (AM2)
 * are not versions. A version is viewed with its causal past; a restore is a new change.
 */
export class AutomergeVersions implements DocumentVersions {
  constructor(
    private readonly owner: AutomergeDocument,
    private readonly viewOf: (heads: A.Heads) => AutomergeDocument,
  ) {}

  list(): DocumentVersion[] {
    const doc = this.owner.doc;
    const roots = new Map<string, string>();
    const genesis = new Set<string>();
    const rootIds = new Set<string>();
    for (const [root, value] of Object.entries(doc)) {
      const kind = typeof value === 'string' ? 'text' : 'map';
      const actor = rootActor(root, kind);
      genesis.add(actor);
      roots.set(`1@${actor}`, root);
      rootIds.add(`1@${actor}`);
    }
    const versions: DocumentVersion[] = [];
    for (const bytes of A.getAllChanges(doc)) {
      const change = A.decodeChange(bytes);
      if (genesis.has(change.actor)) continue;
      const touched = new Set<string>();
      const writes: { root: string; key: string; value: JsonValue | undefined }[] = [];
      change.ops.forEach((op, i) => {
        const root = op.obj === '_root' ? String(op.key) : roots.get(op.obj);
        if (root === undefined) return;
        touched.add(root);
        // Objects created inside a root belong to it (nested maps, text of a nested map).
        if (op.action.startsWith('make')) roots.set(`${change.startOp + i}@${change.actor}`, root);
        if (
          rootIds.has(op.obj) &&
          typeof op.key === 'string' &&
          (op.action === 'set' || op.action === 'del')
        ) {
          writes.push({
            root,
            key: op.key,
            value: op.action === 'del' ? undefined : writtenValue(op),
          });
        }
      });
      versions.push({
        id: change.hash,
        at: change.time * 1000,
        actor: change.actor,
        roots: [...touched].sort(),
        writes,
      });
    }
    return versions;
  }

  at(versionId: string): AutomergeDocument {
    if (!A.hasHeads(this.owner.doc, [versionId]))
      throw new RangeError(`unknown version ${versionId}`);
    return this.viewOf([versionId]);
  }

  restore(versionId: string, roots: readonly string[]): void {
    const past = this.at(versionId);
    const owner = this.owner;
    owner.transact(() => {
      for (const root of roots) {
        const before = (past.doc as Obj)[root];
        const now = (owner.doc as Obj)[root];
        if (typeof before === 'string' || typeof now === 'string') {
          const spans = typeof before === 'string' ? A.spans(past.doc, [root]) : [];
          owner.editText(root, (draft, path) => A.updateSpans(draft, path, spans));
        } else {
          copyMap(past.map(root), owner.map(root));
        }
      }
    });
  }
}
