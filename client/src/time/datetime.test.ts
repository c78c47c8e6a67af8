import { describe, expect, it } from 'vitest';
import { formatEventTime, localInputToInstant, zoneOffsetMinutes } from './datetime';

describe('localInputToInstant', () => {
  it('reads a datetime-local value in the given time zone and keeps the offset', () => {
    expect(localInputToInstant('2025-06-01T19:30', 'Europe/Paris')).toBe(
      '2025-06-01T19:30:00+02:00',
    );
    expect(localInputToInstant('2025-01-15T08:05', 'Europe/Paris')).toBe(
      '2025-01-15T08:05:00+01:00',
    );
    expect(localInputToInstant('2025-06-01T19:30', 'America/New_York')).toBe(
      '2025-06-01T19:30:00-04:00',
    );
    expect(localInputToInstant('2025-06-01T19:30', 'Asia/Kolkata')).toBe(
      '2025-06-01T19:30:00+05:30',
    );
    expect(localInputToInstant('2025-06-01T19:30', 'UTC')).toBe('2025-06-01T19:30:00+00:00');
  });

  it('gives the right instant (what the domain stores)', () => {
    const iso = localInputToInstant('2025-06-01T19:30', 'Europe/Paris');
    expect(new Date(iso ?? '').toISOString()).toBe('2025-06-01T17:30:00.000Z');
  });

  it('keeps seconds when the input has them', () => {
    expect(localInputToInstant('2025-06-01T19:30:15', 'Europe/Paris')).toBe(
      '2025-06-01T19:30:15+02:00',
    );
  });

  it('moves a time skipped by the spring-forward jump past the jump', () => {
    expect(localInputToInstant('2025-03-30T02:30', 'Europe/Paris')).toBe(
      '2025-03-30T03:30:00+02:00',
    );
  });

  it('takes the first occurrence of a time repeated when clocks go back', () => {
    expect(localInputToInstant('2025-10-26T02:30', 'Europe/Paris')).toBe(
      '2025-10-26T02:30:00+02:00',
    );
  });

  it('refuses empty and malformed values', () => {
    expect(localInputToInstant('', 'Europe/Paris')).toBeUndefined();
    expect(localInputToInstant('2025-02-30T10:00', 'Europe/Paris')).toBeUndefined();
    expect(localInputToInstant('demain 10h', 'Europe/Paris')).toBeUndefined();
  });
});

describe('zoneOffsetMinutes', () => {
  it('knows summer and winter time', () => {
    expect(zoneOffsetMinutes('Europe/Paris', Date.UTC(2025, 6, 1))).toBe(120);
    expect(zoneOffsetMinutes('Europe/Paris', Date.UTC(2025, 0, 1))).toBe(60);
  });
});

describe('formatEventTime', () => {
  it("shows the event in its own time zone, in the viewer's language", () => {
    const text = formatEventTime(
      '2025-06-01T17:30:00.000Z',
      '2025-06-01T19:00:00.000Z',
      'Europe/Paris',
      'fr',
    );
    expect(text).toContain('19:30');
    expect(text).toContain('21:00');
    expect(text).toContain('juin');
    const english = formatEventTime('2025-06-01T17:30:00.000Z', '', 'America/New_York', 'en');
    expect(english).toContain('June');
    expect(english).toContain('01:30');
  });
});
