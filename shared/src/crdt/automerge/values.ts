import * as A from '@automerge/automerge';
import { decodeUtf8, encodeUtf8 } from 'lib0/string';
import type { JsonValue } from '../DocumentPort';

/**
 * How port values are stored in Automerge so both engines keep the port's semantics:
 * a JSON value is ONE last-writer-wins value (as in Yjs), a nested map merges per key.
 * - strings: immutable scalar strings (not collaborative text: no per-character ops);
 * - numbers, booleans, null: scalars (integers beyond 2^53 as 64-bit floats);
 * - arrays and objects: one bytes scalar holding their JSON, so a concurrent write
 *   replaces the whole value instead of merging two objects field by field;
 * - nested maps (`setMap`): real Automerge maps.
 */
export function toAutomerge(value: JsonValue): unknown {
  if (typeof value === 'string') return new A.ImmutableString(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError('a JSON number must be finite');
    return Number.isInteger(value) && !Number.isSafeInteger(value) ? new A.Float64(value) : value;
  }
  if (value === null || typeof value === 'boolean') return value;
  return encodeUtf8(JSON.stringify(value));
}

/** The port value of a stored value; undefined for a nested map (or a list, which the port never writes). */
export function fromAutomerge(value: unknown): JsonValue | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value === 'boolean' || typeof value === 'number') return value;
  // Plain strings are collaborative text written by another client: read as their content.
  if (typeof value === 'string') return value;
  if (A.isImmutableString(value)) return value.toString();
  if (value instanceof Uint8Array) return JSON.parse(decodeUtf8(value)) as JsonValue;
  if (A.isCounter(value)) return value.value;
  return undefined;
}

/** True for a stored nested map (an Automerge map, not a scalar). */
export function isAutomergeMap(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Uint8Array) &&
    !(value instanceof Date) &&
    !A.isImmutableString(value) &&
    !A.isCounter(value)
  );
}
