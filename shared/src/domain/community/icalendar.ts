import { fromLocal, type LocalDateTime, offsetAt, toLocal } from '../../time/zonedTime';
import { type Occurrence, occurrencesOf, RecurrenceFrequency } from './recurrence';
import type { CommunityEvent, CommunitySnapshot } from './schema';

/**
 * [ICS1-4] iCalendar (RFC 5545) export: one event, or a community's calendar.
 * Times are written in the event's own time zone (with a VTIMEZONE describing
 * its offsets over the event's span), recurrence as an RRULE, cancelled
 * occurrences as EXDATE, moved ones as RECURRENCE-ID overrides.
 */
const PRODID = '-//Ensemble//Ensemble community calendar//FR';
const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;

/** Escapes a TEXT value (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r?\n/g, '\\n');
}

/** Bytes of a string in UTF-8 (shared/ has neither TextEncoder's types nor Buffer). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** Folds a content line at 75 octets, never inside a UTF-8 sequence (RFC 5545 3.1). */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const length = utf8Length(char);
    const limit = out.length === 0 ? 75 : 74;
    if (size + length > limit) {
      out.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += length;
  }
  out.push(current);
  return out.join('\r\n ');
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const localStamp = (l: LocalDateTime) =>
  `${pad(l.year, 4)}${pad(l.month)}${pad(l.day)}T${pad(l.hour)}${pad(l.minute)}${pad(l.second)}`;
const utcStamp = (iso: string) => `${localStamp(toLocal(Date.parse(iso), 'UTC'))}Z`;
const zoned = (iso: string, timeZone: string) => localStamp(toLocal(Date.parse(iso), timeZone));
const offsetText = (ms: number) => {
  const minutes = Math.round(ms / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  return `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}${pad(Math.abs(minutes) % 60)}`;
};

/** Offset changes of a zone between two instants, found by daily sampling then bisection. */
function transitions(
  timeZone: string,
  fromMs: number,
  toMs: number,
): { at: number; from: number; to: number }[] {
  const found: { at: number; from: number; to: number }[] = [];
  const day = 86_400_000;
  let previous = offsetAt(fromMs, timeZone);
  for (let t = fromMs + day; t <= toMs + day; t += day) {
    const offset = offsetAt(t, timeZone);
    if (offset === previous) continue;
    let low = t - day;
    let high = t;
    while (high - low > 60_000) {
      const mid = Math.floor((low + high) / 2 / 60_000) * 60_000;
      if (offsetAt(mid, timeZone) === previous) low = mid;
      else high = mid;
    }
    found.push({ at: high, from: previous, to: offset });
    previous = offset;
  }
  return found;
}

function vtimezone(timeZone: string, fromMs: number, toMs: number): string[] {
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  const changes = transitions(timeZone, fromMs, toMs);
  const initial = offsetAt(fromMs, timeZone);
  const standard = Math.min(initial, ...changes.map((c) => c.to));
  const component = (kind: string, at: number, from: number, to: number) => [
    `BEGIN:${kind}`,
    // An observance starts at the local time the change happens, in the offset before it.
    `DTSTART:${localStamp(toLocal(at + from, 'UTC'))}`,
    `TZOFFSETFROM:${offsetText(from)}`,
    `TZOFFSETTO:${offsetText(to)}`,
    `END:${kind}`,
  ];
  lines.push(...component(initial > standard ? 'DAYLIGHT' : 'STANDARD', fromMs, initial, initial));
  for (const change of changes) {
    lines.push(
      ...component(
        change.to > standard ? 'DAYLIGHT' : 'STANDARD',
        change.at,
        change.from,
        change.to,
      ),
    );
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

function rrule(event: CommunityEvent): string | undefined {
  const rule = event.recurrence;
  if (!rule) return undefined;
  const first = toLocal(Date.parse(event.start), event.timeZone);
  const parts = [
    `FREQ=${rule.frequency === RecurrenceFrequency.weekly ? 'WEEKLY' : 'MONTHLY'}`,
    `INTERVAL=${rule.interval}`,
  ];
  if (rule.frequency === RecurrenceFrequency.monthlyByDay) parts.push(`BYMONTHDAY=${first.day}`);
  if (rule.frequency === RecurrenceFrequency.monthlyByWeekday) {
    const rank = Math.ceil(first.day / 7);
    const weekday =
      WEEKDAYS[new Date(Date.UTC(first.year, first.month - 1, first.day)).getUTCDay()];
    parts.push(`BYDAY=${rank >= 5 ? -1 : rank}${weekday}`);
  }
  if (rule.count !== null) parts.push(`COUNT=${rule.count}`);
  else if (rule.until !== null) {
    // UNTIL is inclusive: the end of that local day, in UTC.
    const [y, m, d] = rule.until.split('-').map(Number);
    const end = fromLocal(
      { year: y ?? 1970, month: m ?? 1, day: d ?? 1, hour: 23, minute: 59, second: 59 },
      event.timeZone,
    );
    parts.push(`UNTIL=${utcStamp(new Date(end).toISOString())}`);
  }
  return `RRULE:${parts.join(';')}`;
}

function occurrencesForExport(event: CommunityEvent): Occurrence[] {
  if (!event.recurrence) return [];
  return occurrencesOf(event, event.start, '9999-12-31T00:00:00.000Z');
}

function vevent(event: CommunityEvent, stamp: string, origin: string): string[] {
  const uid = `${event.id}@${origin}`;
  const common = (start: string, end: string) => [
    `DTSTART;TZID=${event.timeZone}:${zoned(start, event.timeZone)}`,
    `DTEND;TZID=${event.timeZone}:${zoned(end, event.timeZone)}`,
    `SUMMARY:${escapeText(event.title)}`,
    ...(event.place ? [`LOCATION:${escapeText(event.place)}`] : []),
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    ...(event.coordinates ? [`GEO:${event.coordinates.lat};${event.coordinates.lon}`] : []),
  ];
  const lines = [
    'BEGIN:VEVENT',
    `UID:${uid}`,
    `DTSTAMP:${stamp}`,
    ...common(event.start, event.end),
  ];
  const rule = rrule(event);
  const occurrences = occurrencesForExport(event);
  if (rule) lines.push(rule);
  for (const occurrence of occurrences.filter((o) => o.cancelled)) {
    lines.push(`EXDATE;TZID=${event.timeZone}:${zoned(occurrence.start, event.timeZone)}`);
  }
  lines.push(`STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`, 'END:VEVENT');
  for (const occurrence of occurrences.filter((o) => o.moved)) {
    const [y, m, d] = occurrence.key.split('-').map(Number);
    const first = toLocal(Date.parse(event.start), event.timeZone);
    const original = fromLocal(
      { ...first, year: y ?? 1970, month: m ?? 1, day: d ?? 1 },
      event.timeZone,
    );
    lines.push(
      'BEGIN:VEVENT',
      `UID:${uid}`,
      `DTSTAMP:${stamp}`,
      `RECURRENCE-ID;TZID=${event.timeZone}:${zoned(new Date(original).toISOString(), event.timeZone)}`,
      ...common(occurrence.start, occurrence.end),
      'STATUS:CONFIRMED',
      'END:VEVENT',
    );
  }
  return lines;
}

function span(events: readonly CommunityEvent[]): [number, number] {
  const starts = events.map((e) => Date.parse(e.start));
  const ends = events.flatMap((e) => {
    const last = occurrencesForExport(e).at(-1)?.end ?? e.end;
    return [Date.parse(last)];
  });
  return [Math.min(...starts) - 86_400_000, Math.max(...ends) + 86_400_000];
}

export interface CalendarOptions {
  /** The generation time (DTSTAMP). */
  readonly now: Date;
  /** The domain in UIDs, e.g. the app's host. */
  readonly origin?: string;
}

export function calendarOf(
  name: string,
  events: readonly CommunityEvent[],
  options: CalendarOptions,
): string {
  const stamp = utcStamp(options.now.toISOString());
  const origin = options.origin ?? 'ensemble.local';
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
  ];
  lines.push(`X-WR-CALNAME:${escapeText(name)}`);
  const zones = [...new Set(events.map((e) => e.timeZone))].sort();
  for (const zone of zones) {
    const [from, to] = span(events.filter((e) => e.timeZone === zone));
    lines.push(...vtimezone(zone, from, to));
  }
  for (const event of events) lines.push(...vevent(event, stamp, origin));
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

/** One event as a calendar file (for "add to my calendar"). */
export function eventToICalendar(event: CommunityEvent, options: CalendarOptions): string {
  return calendarOf(event.title, [event], options);
}

/** The community's whole calendar, cancelled events included (marked CANCELLED). */
export function communityToICalendar(
  snapshot: CommunitySnapshot,
  options: CalendarOptions,
): string {
  return calendarOf(snapshot.profile.name, snapshot.events, options);
}
