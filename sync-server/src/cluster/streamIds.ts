/** Redis stream entry ids (`<ms>-<seq>`), parsed so they can be compared and stored in Postgres. */
export interface StreamId {
  readonly ms: bigint;
  readonly seq: bigint;
}

export const STREAM_START: StreamId = { ms: 0n, seq: 0n };

/** Parses `<ms>-<seq>`; undefined for anything else (a bad id is skipped, never fatal). */
export function parseStreamId(text: string): StreamId | undefined {
  const match = /^(\d{1,20})-(\d{1,20})$/.exec(text);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return { ms: BigInt(match[1]), seq: BigInt(match[2]) };
}

export function formatStreamId(id: StreamId): string {
  return `${id.ms}-${id.seq}`;
}

/** The smallest id after `id` (XTRIM MINID keeps ids >= it). */
export function nextStreamId(id: StreamId): StreamId {
  return { ms: id.ms, seq: id.seq + 1n };
}

export function compareStreamIds(a: StreamId, b: StreamId): number {
  if (a.ms !== b.ms) return a.ms < b.ms ? -1 : 1;
  if (a.seq !== b.seq) return a.seq < b.seq ? -1 : 1;
  return 0;
}
