import { type EventId, newCommunityId, newEventId } from '@ensemble/shared';
import { describe, expect, it } from 'vitest';
import { parseRoute, paths } from './routes';

describe('event routes', () => {
  const id = newCommunityId();
  const eventId = newEventId() as EventId;

  it('reads an event page and one of its occurrences, and round-trips', () => {
    expect(parseRoute(`#/c/${id}/e/${eventId}`)).toEqual({
      name: 'event',
      id,
      eventId,
      occurrence: '',
    });
    expect(parseRoute(paths.event(id, eventId, '2030-06-12'))).toEqual({
      name: 'event',
      id,
      eventId,
      occurrence: '2030-06-12',
    });
    expect(parseRoute(paths.event(id, eventId))).toMatchObject({ name: 'event', occurrence: '' });
  });

  it('refuses malformed event links', () => {
    expect(parseRoute(`#/c/${id}/e/x`)).toEqual({ name: 'notFound' });
    expect(parseRoute(`#/c/${id}/e/${eventId}/o/demain`)).toEqual({ name: 'notFound' });
  });
});
