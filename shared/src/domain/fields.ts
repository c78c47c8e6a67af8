import type { CrdtMap } from '../crdt/DocumentPort';

/** A string field, or '' when missing or of another type (e.g. still syncing). */
export const text = (map: CrdtMap, key: string): string => {
  const value = map.getValue(key);
  return typeof value === 'string' ? value : '';
};

export const numberOrNull = (map: CrdtMap, key: string): number | null => {
  const value = map.getValue(key);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
};
