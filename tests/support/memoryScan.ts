import { closeSync, openSync, readFileSync, readSync } from 'node:fs';

/**
 * Searches the writable memory of a running process (Linux /proc/<pid>/mem: the heap,
 * array buffers, stacks) for each needle. A memory dump, without writing one to disk.
 */
export function processMemoryContains(pid: number, needles: readonly Uint8Array[]): boolean[] {
  const found = needles.map(() => false);
  const maps = readFileSync(`/proc/${pid}/maps`, 'utf8').split('\n');
  const fd = openSync(`/proc/${pid}/mem`, 'r');
  try {
    for (const line of maps) {
      const m = /^([0-9a-f]+)-([0-9a-f]+) rw/.exec(line);
      if (m === null) continue;
      const start = Number.parseInt(m[1] ?? '0', 16);
      const end = Number.parseInt(m[2] ?? '0', 16);
      if (end - start > 512 * 1024 * 1024) continue; // reserved, not committed
      const region = Buffer.alloc(end - start);
      try {
        readSync(fd, region, 0, region.length, start);
      } catch {
        continue; // a guard page or a region unmapped meanwhile
      }
      needles.forEach((needle, i) => {
        if (!found[i] && region.includes(Buffer.from(needle))) found[i] = true;
      });
    }
  } finally {
    closeSync(fd);
  }
  return found;
}
