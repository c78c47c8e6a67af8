import { afterEach, describe, expect, it, vi } from 'vitest';
import { presenceColor } from '../ui/screens/project/people';
import { type AwarenessHandle, Presence } from './Presence';

/** The part of a y-protocols Awareness that Presence uses. */
function fakeAwareness(clientID: number) {
  const states = new Map<number, Record<string, unknown>>([[clientID, {}]]);
  const listeners = new Set<() => void>();
  const awareness = {
    clientID,
    getStates: () => states,
    getLocalState: () => states.get(clientID) ?? null,
    setLocalStateField: (field: string, value: unknown) => {
      states.set(clientID, { ...states.get(clientID), [field]: value });
      for (const listener of listeners) listener();
    },
    on: (_event: string, listener: () => void) => listeners.add(listener),
    off: (_event: string, listener: () => void) => listeners.delete(listener),
  };
  const remote = (id: number, user: unknown) => {
    if (user === undefined) states.delete(id);
    else states.set(id, { user });
    for (const listener of listeners) listener();
  };
  return { awareness: awareness as unknown as AwarenessHandle, remote };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Presence', () => {
  it('lists me first, then each other person once, with throttled updates', () => {
    vi.useFakeTimers();
    const { awareness, remote } = fakeAwareness(1);
    const presence = new Presence(awareness, 1000);
    let notified = 0;
    presence.subscribe(() => {
      notified += 1;
    });
    presence.setUser({ id: 'me', name: 'Ada', color: presenceColor('me') });
    remote(2, { id: 'bo', name: 'Bo', color: '#000' });
    remote(3, { id: 'bo', name: 'Bo', color: '#000' }); // Bo's second tab
    remote(4, { id: 'cy', name: 'Cy', color: '#111' });
    // Nothing yet: bursts of awareness changes become one update.
    vi.advanceTimersByTime(0);
    expect(presence.get().map((p) => p.name)).toEqual(['Ada', 'Bo', 'Cy']);
    expect(notified).toBe(1);
    remote(4, undefined);
    remote(5, { id: 'di', name: 'Di', color: '#222' });
    vi.advanceTimersByTime(500);
    expect(notified).toBe(1);
    vi.advanceTimersByTime(600);
    expect(notified).toBe(2);
    expect(presence.get().map((p) => [p.name, p.self])).toEqual([
      ['Ada', true],
      ['Bo', false],
      ['Di', false],
    ]);
    presence.destroy();
  });

  it('gives each person the same colour on every device', () => {
    expect(presenceColor('member-a')).toBe(presenceColor('member-a'));
    expect(presenceColor('member-a')).toMatch(/^#[0-9a-f]{6}$/);
  });
});
