import { describe, expect, it } from 'vitest';
import { fromLocal, offsetAt, toLocal } from './zonedTime';

describe('zoned time', () => {
  it('[TZ1] converts wall-clock time in Paris both ways across daylight saving', () => {
    const winter = fromLocal(
      { year: 2026, month: 1, day: 13, hour: 18, minute: 30, second: 0 },
      'Europe/Paris',
    );
    expect(new Date(winter).toISOString()).toBe('2026-01-13T17:30:00.000Z');
    const summer = fromLocal(
      { year: 2026, month: 7, day: 14, hour: 18, minute: 30, second: 0 },
      'Europe/Paris',
    );
    expect(new Date(summer).toISOString()).toBe('2026-07-14T16:30:00.000Z');
    expect(toLocal(summer, 'Europe/Paris')).toMatchObject({ hour: 18, minute: 30, day: 14 });
    expect(offsetAt(summer, 'Europe/Paris')).toBe(7_200_000);
  });

  it('[TZ2] a time skipped by the spring gap moves forward; a repeated time takes its first occurrence', () => {
    const gap = fromLocal(
      { year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0 },
      'Europe/Paris',
    );
    expect(new Date(gap).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    const repeated = fromLocal(
      { year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0 },
      'Europe/Paris',
    );
    expect(new Date(repeated).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });
});
