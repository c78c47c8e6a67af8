import type { WebsocketProvider } from 'y-websocket';
import type { ReadableStore } from '../util/ValueStore';

/** The awareness of an open document (y-protocols): who else has it open, and where. */
export type AwarenessHandle = WebsocketProvider['awareness'];

/** What each person shows the others: kept in the awareness field `user`. */
export interface PresenceUser {
  /** Their member id (the device id in an open community). */
  readonly id: string;
  readonly name: string;
  readonly color: string;
}

export interface Peer extends PresenceUser {
  /** The awareness client id (one per tab). */
  readonly clientId: number;
  readonly self: boolean;
}

const DEFAULT_COLOR = '#0f5c5a';
const COLORS = [DEFAULT_COLOR, '#a1261a', '#1d4f91', '#6a2c70', '#2f6b1e', '#6b4a00', '#8a1f5c'];

/** A colour per person, the same on every device (text on it stays AA-readable in white). */
export function presenceColor(id: string): string {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return COLORS[hash % COLORS.length] ?? DEFAULT_COLOR;
}

/**
 * Who is here now, from an awareness: one entry per person (several tabs of one person
 * count once), me first. Changes are throttled: cursors move often, the list rarely.
 */
export class Presence implements ReadableStore<readonly Peer[]> {
  private peers: readonly Peer[] = [];
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastEmit = 0;
  private readonly onChange = () => this.schedule();

  constructor(
    readonly awareness: AwarenessHandle,
    private readonly throttleMs = 1000,
  ) {
    awareness.on('change', this.onChange);
    this.peers = this.read();
  }

  /** Tells the others who I am (name and colour); the editor's cursor uses the same field. */
  setUser(user: PresenceUser): void {
    const current = this.awareness.getLocalState()?.user as PresenceUser | undefined;
    if (current?.id === user.id && current.name === user.name && current.color === user.color) {
      return;
    }
    this.awareness.setLocalStateField('user', { ...user });
  }

  get = (): readonly Peer[] => this.peers;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  destroy(): void {
    this.awareness.off('change', this.onChange);
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.listeners.clear();
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    const wait = Math.max(0, this.lastEmit + this.throttleMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.lastEmit = Date.now();
      const next = this.read();
      if (samePeers(next, this.peers)) return;
      this.peers = next;
      for (const listener of [...this.listeners]) listener();
    }, wait);
  }

  private read(): readonly Peer[] {
    const selfId = this.awareness.clientID;
    const byPerson = new Map<string, Peer>();
    for (const [clientId, state] of this.awareness.getStates()) {
      const user = (state as { user?: Partial<PresenceUser> }).user;
      if (!user || typeof user.id !== 'string' || typeof user.name !== 'string') continue;
      const self = clientId === selfId;
      const known = byPerson.get(user.id);
      if (known && (known.self || !self)) continue;
      byPerson.set(user.id, {
        clientId,
        id: user.id,
        name: user.name,
        color: typeof user.color === 'string' ? user.color : DEFAULT_COLOR,
        self,
      });
    }
    return [...byPerson.values()].sort((a, b) =>
      a.self !== b.self ? (a.self ? -1 : 1) : a.name.localeCompare(b.name),
    );
  }
}

function samePeers(a: readonly Peer[], b: readonly Peer[]): boolean {
  return (
    a.length === b.length &&
    a.every((peer, i) => {
      const other = b[i];
      return (
        other !== undefined &&
        peer.id === other.id &&
        peer.name === other.name &&
        peer.color === other.color &&
        peer.self === other.self
      );
    })
  );
}
