import { fromLocal, offsetAt } from '@ensemble/shared';

/** The time zone the browser runs in (IANA name), for interpreting form inputs. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Offset of `timeZone` from UTC at the instant `utcMs`, in minutes (Paris in summer: +120). */
export function zoneOffsetMinutes(timeZone: string, utcMs: number): number {
  return Math.round(offsetAt(utcMs, timeZone) / 60_000);
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${sign}${hh}:${mm}`;
}

/**
 * Turns a `<input type="datetime-local">` value ("2025-06-01T19:30"), read as a wall-clock
 * time in `timeZone`, into an ISO 8601 instant with its offset ("2025-06-01T19:30:00+02:00").
 * A time skipped by a daylight-saving jump is moved forward by the jump (02:30 → 03:30);
 * an ambiguous time (clocks going back) takes the first occurrence.
 * Returns undefined for an empty or malformed value.
 */
export function localInputToInstant(value: string, timeZone: string): string | undefined {
  const match = LOCAL_PATTERN.exec(value.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number);
  if (y === undefined || mo === undefined || d === undefined || h === undefined) return undefined;
  const second = Number.isNaN(s) ? 0 : (s ?? 0);
  const check = new Date(Date.UTC(y, mo - 1, d, h, mi ?? 0, second));
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  // Gaps and repeated hours are handled by the domain's zoned time (rules TZ1, TZ2).
  const instant = fromLocal(
    { year: y, month: mo, day: d, hour: h, minute: mi ?? 0, second },
    timeZone,
  );
  return withOffset(instant, zoneOffsetMinutes(timeZone, instant));
}

/** "2025-06-01T19:30:00+02:00": the wall time at `offset`, then the offset. */
function withOffset(utcMs: number, offset: number): string {
  const local = new Date(utcMs + offset * 60_000).toISOString().slice(0, 19);
  return `${local}${formatOffset(offset)}`;
}

/** Formats an event's start (and end) in the viewer's locale and the event's time zone. */
export function formatEventTime(
  start: string,
  end: string,
  timeZone: string,
  locale: string,
): string {
  const format = new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  const from = new Date(start);
  const to = new Date(end);
  if (Number.isNaN(from.getTime())) return start;
  if (Number.isNaN(to.getTime()) || to.getTime() <= from.getTime()) return format.format(from);
  return format.formatRange(from, to);
}

/** A short date for lists ("12 juin 2025"). */
export function formatShortDate(epochMs: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(epochMs));
}

/** "2025-06-01T19:30" + 2 h → "2025-06-01T21:30" (wall-clock arithmetic, for form defaults). */
export function addHoursToLocalInput(value: string, hours: number): string | undefined {
  const match = LOCAL_PATTERN.exec(value.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi] = match.map(Number);
  if (y === undefined || mo === undefined || d === undefined || h === undefined) return undefined;
  const wall = Date.UTC(y, mo - 1, d, h + hours, mi ?? 0);
  return new Date(wall).toISOString().slice(0, 16);
}

/** When something last happened: "14:32" today, else "12 juin, 14:32". */
export function formatMoment(epochMs: number, locale: string, now = Date.now()): string {
  const at = new Date(epochMs);
  const sameDay = new Date(now).toDateString() === at.toDateString();
  return new Intl.DateTimeFormat(
    locale,
    sameDay
      ? { hour: '2-digit', minute: '2-digit' }
      : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' },
  ).format(at);
}
