/**
 * Wall-clock time in an IANA time zone, with only `Intl` (no tz database of
 * our own): what a recurring event needs to repeat "every Tuesday at 18:30 in
 * Paris" across daylight-saving changes.
 */
export interface LocalDateTime {
  readonly year: number;
  /** 1-12 */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The wall-clock time at `instantMs` in `timeZone`. */
export function toLocal(instantMs: number, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instantMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

const localAsUtc = (local: LocalDateTime) =>
  Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);

/** The zone's offset from UTC at an instant, in ms (Paris in summer: +7,200,000). */
export function offsetAt(instantMs: number, timeZone: string): number {
  const wholeSeconds = Math.floor(instantMs / 1000) * 1000;
  return localAsUtc(toLocal(wholeSeconds, timeZone)) - wholeSeconds;
}

/**
 * The instant a wall-clock time happens in a zone. A time skipped by a
 * spring-forward gap moves forward by the gap; a time repeated when clocks go
 * back takes its first occurrence.
 */
export function fromLocal(local: LocalDateTime, timeZone: string): number {
  const wall = localAsUtc(local);
  const earlier = wall - offsetAt(wall - 86_400_000, timeZone);
  const later = wall - offsetAt(wall + 86_400_000, timeZone);
  const candidates = [Math.min(earlier, later), Math.max(earlier, later)];
  for (const candidate of candidates) {
    if (localAsUtc(toLocal(candidate, timeZone)) === wall) return candidate;
  }
  // In a gap: keep the wall-clock distance from the offset in force before it.
  return wall - offsetAt(wall - 86_400_000, timeZone);
}

export function localDateKey(local: Pick<LocalDateTime, 'year' | 'month' | 'day'>): string {
  return `${String(local.year).padStart(4, '0')}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`;
}

/** Days in a month (month 1-12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 0 = Sunday ... 6 = Saturday, of a calendar date. */
export function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}
