/** Redis key names of one cluster namespace. Room ids follow a fixed prefix, so they never collide. */
export function clusterKeys(namespace: string) {
  return {
    /** The room's stream of updates (fan-out and order between relays). */
    stream: (room: string): string => `${namespace}:log:${room}`,
    /** Pub/sub channel of the room's awareness frames. */
    awareness: (room: string): string => `${namespace}:aw:${room}`,
    /** Compaction lease of the room. */
    lease: (room: string): string => `${namespace}:lease:${room}`,
    /** Rooms with a stream (list()). */
    rooms: `${namespace}:rooms`,
    /** Written once per Redis data set: its absence after a reconnect means the data is gone. */
    boot: `${namespace}:boot`,
  };
}
