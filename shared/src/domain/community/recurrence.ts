import { err, ok, type Result } from '../../result';
import {
  daysInMonth,
  fromLocal,
  type LocalDateTime,
  localDateKey,
  toLocal,
  weekdayOf,
} from '../../time/zonedTime';
import { type DomainError, DomainErrorReason, domainError } from '../errors';
import { validInteger } from '../validation';

export const RecurrenceFrequency = {
  weekly: 'weekly',
  /** Same day of the month as the first occurrence (months without that day are skipped). */
  monthlyByDay: 'monthly-by-day',
  /** Same weekday and rank as the first occurrence (2nd Tuesday; a 5th one means "last"). */
  monthlyByWeekday: 'monthly-by-weekday',
} as const;
export type RecurrenceFrequency = (typeof RecurrenceFrequency)[keyof typeof RecurrenceFrequency];

export interface Recurrence {
  readonly frequency: RecurrenceFrequency;
  /** Every `interval` weeks or months (1-52). */
  readonly interval: number;
  /** Last local date (YYYY-MM-DD, inclusive) an occurrence may start on, or null. */
  readonly until: string | null;
  /** How many occurrences in all, or null. */
  readonly count: number | null;
}

/** An exception for one occurrence: cancelled, or moved to other instants. */
export type OccurrenceException =
  | { readonly cancelled: true }
  | { readonly cancelled?: false; readonly start: string; readonly end: string };

export interface Occurrence {
  /** The local date it was scheduled on (YYYY-MM-DD); '' for a one-off event. */
  readonly key: string;
  readonly start: string;
  readonly end: string;
  readonly cancelled: boolean;
  readonly moved: boolean;
}

/** Hard cap on generated occurrences: an event with no end still answers quickly. */
export const MAX_OCCURRENCES = 1_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function validRecurrence(value: Recurrence): Result<Recurrence, DomainError> {
  if (!Object.values(RecurrenceFrequency).includes(value.frequency)) {
    return err(domainError(DomainErrorReason.invalidState, 'recurrence'));
  }
  const interval = validInteger('interval', value.interval, 1, 52);
  if (!interval.ok) return interval;
  if (value.until !== null && !DATE.test(value.until)) {
    return err(domainError(DomainErrorReason.invalidDate, 'until'));
  }
  if (value.count !== null) {
    const count = validInteger('count', value.count, 1, MAX_OCCURRENCES);
    if (!count.ok) return count;
  }
  return ok({
    frequency: value.frequency,
    interval: value.interval,
    until: value.until,
    count: value.count,
  });
}

export function parseRecurrence(value: unknown): Recurrence | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<Record<keyof Recurrence, unknown>>;
  if (!Object.values(RecurrenceFrequency).includes(v.frequency as RecurrenceFrequency)) return null;
  if (typeof v.interval !== 'number' || v.interval < 1) return null;
  return {
    frequency: v.frequency as RecurrenceFrequency,
    interval: Math.floor(v.interval),
    until: typeof v.until === 'string' ? v.until : null,
    count: typeof v.count === 'number' ? Math.floor(v.count) : null,
  };
}

function addDays(local: LocalDateTime, days: number): LocalDateTime {
  const date = new Date(Date.UTC(local.year, local.month - 1, local.day + days));
  return {
    ...local,
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
  };
}

function monthPlus(year: number, month: number, months: number): [number, number] {
  const index = year * 12 + (month - 1) + months;
  return [Math.floor(index / 12), (index % 12) + 1];
}

/** The nth (1-4) or last (5) given weekday of a month. */
function nthWeekday(year: number, month: number, weekday: number, rank: number): number {
  if (rank >= 5) {
    const last = daysInMonth(year, month);
    return last - ((weekdayOf(year, month, last) - weekday + 7) % 7);
  }
  const first = 1 + ((weekday - weekdayOf(year, month, 1) + 7) % 7);
  return first + (rank - 1) * 7;
}

/** The scheduled local start of the k-th step, or undefined when that month has no such day. */
function scheduled(
  first: LocalDateTime,
  rule: Recurrence,
  step: number,
): LocalDateTime | undefined {
  if (rule.frequency === RecurrenceFrequency.weekly)
    return addDays(first, step * 7 * rule.interval);
  const [year, month] = monthPlus(first.year, first.month, step * rule.interval);
  if (rule.frequency === RecurrenceFrequency.monthlyByDay) {
    return first.day <= daysInMonth(year, month) ? { ...first, year, month } : undefined;
  }
  const rank = Math.ceil(first.day / 7);
  const day = nthWeekday(year, month, weekdayOf(first.year, first.month, first.day), rank);
  return { ...first, year, month, day };
}

export interface Schedule {
  readonly start: string;
  readonly end: string;
  readonly timeZone: string;
  readonly recurrence: Recurrence | null;
  readonly exceptions: Readonly<Record<string, OccurrenceException>>;
}

/**
 * [REC2] Occurrences of an event, in order, whose end is after `fromIso` and
 * whose start is before `toIso`. Each keeps the event's wall-clock time in its
 * time zone (18:30 in Paris stays 18:30 across daylight saving), and its
 * duration. Cancelled ones are listed (flagged) so the UI can show them.
 */
export function occurrencesOf(schedule: Schedule, fromIso: string, toIso: string): Occurrence[] {
  const startMs = Date.parse(schedule.start);
  const duration = Date.parse(schedule.end) - startMs;
  const apply = (key: string, start: number): Occurrence => {
    const exception = schedule.exceptions[key];
    if (exception?.cancelled) {
      return {
        key,
        start: new Date(start).toISOString(),
        end: new Date(start + duration).toISOString(),
        cancelled: true,
        moved: false,
      };
    }
    if (exception && 'start' in exception) {
      return { key, start: exception.start, end: exception.end, cancelled: false, moved: true };
    }
    return {
      key,
      start: new Date(start).toISOString(),
      end: new Date(start + duration).toISOString(),
      cancelled: false,
      moved: false,
    };
  };
  const inWindow = (o: Occurrence) => o.end > fromIso && o.start < toIso;
  if (!schedule.recurrence) {
    const single = apply('', startMs);
    return inWindow(single) ? [single] : [];
  }
  const rule = schedule.recurrence;
  const first = toLocal(startMs, schedule.timeZone);
  const out: Occurrence[] = [];
  let produced = 0;
  for (
    let step = 0;
    step < MAX_OCCURRENCES * 2 && produced < (rule.count ?? MAX_OCCURRENCES);
    step++
  ) {
    const local = scheduled(first, rule, step);
    if (!local) continue;
    const key = localDateKey(local);
    if (rule.until !== null && key > rule.until) break;
    produced += 1;
    const occurrence = apply(key, fromLocal(local, schedule.timeZone));
    if (occurrence.start >= toIso && !occurrence.moved) break;
    if (inWindow(occurrence)) out.push(occurrence);
  }
  return out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

/** Whether `key` names a scheduled occurrence of the event ('' for a one-off event). */
export function isOccurrenceKey(schedule: Schedule, key: string): boolean {
  if (!schedule.recurrence) return key === '';
  if (!DATE.test(key)) return false;
  const day = Date.parse(`${key}T00:00:00Z`);
  const window = (offset: number) => new Date(day + offset).toISOString();
  // Any occurrence keyed `key` starts within a couple of days of that date, wherever the zone is.
  return occurrencesOf(
    { ...schedule, exceptions: {} },
    window(-2 * 86_400_000),
    window(3 * 86_400_000),
  ).some((o) => o.key === key);
}
