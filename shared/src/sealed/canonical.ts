// Canonical JSON for signed membership records [SEAL2]: object keys sorted, no whitespace,
// only strings, safe integers, booleans, arrays and plain objects. A record whose bytes are
// not exactly the canonical form of what they parse to is refused, so one value has one
// encoding and any changed byte is either a parse error, a non-canonical form, or a bad
// signature.

export type Canonical =
  | string
  | number
  | boolean
  | readonly Canonical[]
  | { readonly [key: string]: Canonical };

export function canonicalJson(value: Canonical): string {
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error('canonical JSON holds integers only');
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const record = value as { readonly [key: string]: Canonical };
  const keys = Object.keys(record).sort();
  const fields = keys.map((k) => {
    const v = record[k];
    if (v === undefined) throw new Error(`canonical JSON: ${k} is undefined`);
    return `${JSON.stringify(k)}:${canonicalJson(v)}`;
  });
  return `{${fields.join(',')}}`;
}

/** The parsed value when `text` is valid JSON in canonical form, else undefined. */
export function parseCanonical(text: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  try {
    return canonicalJson(parsed as Canonical) === text ? parsed : undefined;
  } catch {
    return undefined;
  }
}
