import { type Recurrence, RecurrenceFrequency } from '@ensemble/shared';

/** The repeat choices of the add-event form. */
export const RepeatChoice = {
  none: 'none',
  weekly: 'weekly',
  everyNWeeks: 'every-n-weeks',
  monthlyByDay: 'monthly-by-day',
  monthlyByWeekday: 'monthly-by-weekday',
} as const;
export type RepeatChoice = (typeof RepeatChoice)[keyof typeof RepeatChoice];

export const REPEAT_CHOICES: readonly RepeatChoice[] = Object.values(RepeatChoice);

/**
 * The form's repeat fields as the domain's recurrence (null: a one-off event).
 * Unreadable numbers go through as NaN so that the domain names the field at fault.
 */
export function recurrenceFromForm(
  choice: RepeatChoice,
  interval: string,
  until: string,
): Recurrence | null {
  if (choice === RepeatChoice.none) return null;
  const frequency =
    choice === RepeatChoice.monthlyByDay
      ? RecurrenceFrequency.monthlyByDay
      : choice === RepeatChoice.monthlyByWeekday
        ? RecurrenceFrequency.monthlyByWeekday
        : RecurrenceFrequency.weekly;
  return {
    frequency,
    interval: choice === RepeatChoice.everyNWeeks ? Number(interval.trim() || Number.NaN) : 1,
    until: until.trim() || null,
    count: null,
  };
}

/** The capacity field: empty means unlimited (null); anything else must be a whole number. */
export function capacityFromForm(value: string): number | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : Number(trimmed);
}
