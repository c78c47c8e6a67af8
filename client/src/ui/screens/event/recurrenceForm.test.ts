import { describe, expect, it } from 'vitest';
import { capacityFromForm, RepeatChoice, recurrenceFromForm } from './recurrenceForm';

describe('add-event form: capacity and recurrence [EVT5] [REC2]', () => {
  it('reads an empty capacity as unlimited, anything else as a number', () => {
    expect(capacityFromForm('')).toBeNull();
    expect(capacityFromForm(' 30 ')).toBe(30);
    expect(Number.isNaN(capacityFromForm('trente'))).toBe(true);
  });

  it('maps each repeat choice to the domain rule', () => {
    expect(recurrenceFromForm(RepeatChoice.none, '2', '2030-12-31')).toBeNull();
    expect(recurrenceFromForm(RepeatChoice.weekly, '3', '')).toEqual({
      frequency: 'weekly',
      interval: 1,
      until: null,
      count: null,
    });
    expect(recurrenceFromForm(RepeatChoice.everyNWeeks, '3', '2030-12-31')).toMatchObject({
      frequency: 'weekly',
      interval: 3,
      until: '2030-12-31',
    });
    expect(recurrenceFromForm(RepeatChoice.monthlyByDay, '', '')?.frequency).toBe('monthly-by-day');
    expect(recurrenceFromForm(RepeatChoice.monthlyByWeekday, '', '')?.frequency).toBe(
      'monthly-by-weekday',
    );
    expect(recurrenceFromForm(RepeatChoice.everyNWeeks, '', '')?.interval).toBeNaN();
  });
});
