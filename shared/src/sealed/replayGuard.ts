// Apply once [SEAL16]: each (room, author device) counter is accepted a single time, in any
// arrival order. Memory stays small: a floor below which everything was seen, plus the few
// counters seen above it.

export class ReplayGuard {
  private readonly seen = new Map<string, { floor: number; above: Set<number> }>();

  /** true the first time (room, author, counter) is offered, false ever after. */
  accept(room: string, author: string, counter: number): boolean {
    const key = `${room}|${author}`;
    let entry = this.seen.get(key);
    if (entry === undefined) {
      entry = { floor: 0, above: new Set() };
      this.seen.set(key, entry);
    }
    if (counter <= entry.floor || entry.above.has(counter)) return false;
    entry.above.add(counter);
    while (entry.above.has(entry.floor + 1)) {
      entry.floor += 1;
      entry.above.delete(entry.floor);
    }
    return true;
  }
}
