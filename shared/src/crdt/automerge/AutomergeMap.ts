import type { CrdtMap, JsonValue } from '../DocumentPort';
import { fromAutomerge, isAutomergeMap, toAutomerge } from './values';

type Obj = Record<string, unknown>;

/** What a map needs from its document: the object to read, and a way to write. */
export interface MapOwner {
  /** The draft inside a transaction, else the current document. */
  readable(): Obj;
  /** Runs `fn` on the draft object at `path` (in the current transaction, or in a new one). */
  write(path: readonly string[], fn: (target: Obj) => void): void;
}

/** A root or nested map of an Automerge document, addressed by its path from the root. */
export class AutomergeMap implements CrdtMap {
  constructor(
    private readonly owner: MapOwner,
    private readonly path: readonly string[],
  ) {}

  private target(): Obj | undefined {
    let at: unknown = this.owner.readable();
    for (const key of this.path) {
      if (!isAutomergeMap(at)) return undefined;
      at = at[key];
    }
    return isAutomergeMap(at) ? at : undefined;
  }

  getValue(key: string): JsonValue | undefined {
    return fromAutomerge(this.target()?.[key]);
  }

  getMap(key: string): CrdtMap | undefined {
    return isAutomergeMap(this.target()?.[key])
      ? new AutomergeMap(this.owner, [...this.path, key])
      : undefined;
  }

  has(key: string): boolean {
    const target = this.target();
    return target !== undefined && Object.hasOwn(target, key);
  }

  set(key: string, value: JsonValue): void {
    const stored = toAutomerge(value);
    this.owner.write(this.path, (target) => {
      target[key] = stored;
    });
  }

  setMap(key: string): CrdtMap {
    this.owner.write(this.path, (target) => {
      target[key] = {};
    });
    return new AutomergeMap(this.owner, [...this.path, key]);
  }

  delete(key: string): void {
    if (!this.has(key)) return;
    this.owner.write(this.path, (target) => {
      delete target[key];
    });
  }

  keys(): string[] {
    const target = this.target();
    return target ? Object.keys(target) : [];
  }

  get size(): number {
    return this.keys().length;
  }
}
