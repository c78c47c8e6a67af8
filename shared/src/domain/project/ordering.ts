import { generateKeyBetween } from 'fractional-indexing';

export interface Ordered {
  readonly id: string;
  readonly order: string;
}

/** Total order of a column: fractional index, then id (two concurrent moves to one spot tie). */
export function compareOrdered(a: Ordered, b: Ordered): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface Placement {
  /** The new order key of the moved item. */
  readonly order: string;
  /** Neighbours that had to be given new keys (they shared a key after a concurrent move). */
  readonly rekeyed: readonly { readonly id: string; readonly order: string }[];
}

/**
 * [TSK3] Where to put an item so that it lands at `index` of `column` (the
 * column without the item itself, in total order). Usually one key between its
 * neighbours; when the neighbours share a key (two people moved tasks to the
 * same spot offline), the following items sharing that key are re-keyed too, so
 * the item lands exactly where it was dropped.
 */
export function placeAt(column: readonly Ordered[], index: number): Placement {
  const at = Math.max(0, Math.min(index, column.length));
  const before = column[at - 1];
  const after = column[at];
  if (!after) return { order: generateKeyBetween(before?.order ?? null, null), rekeyed: [] };
  if (!before || before.order < after.order) {
    return { order: generateKeyBetween(before?.order ?? null, after.order), rekeyed: [] };
  }
  // Tie: re-key the run of items after `at` that share `before.order`.
  const run: Ordered[] = [];
  let next = at;
  while (column[next] && column[next]?.order === before.order) {
    run.push(column[next] as Ordered);
    next += 1;
  }
  const upper = column[next]?.order ?? null;
  const order = generateKeyBetween(before.order, upper);
  const rekeyed: { id: string; order: string }[] = [];
  let lower = order;
  for (const item of run) {
    lower = generateKeyBetween(lower, upper);
    rekeyed.push({ id: item.id, order: lower });
  }
  return { order, rekeyed };
}
