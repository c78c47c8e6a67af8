import {
  type Attendance,
  type CommunityEvent,
  type CommunitySnapshot,
  type EventId,
  type MemberId,
  MemberRole,
  MemberStatus,
} from '@ensemble/shared';
import { describe, expect, it } from 'vitest';
import { translateFeature } from '../../../i18n/featureMessages';
import { displayNameMessages } from './displayNameMessages';
import {
  canOrganize,
  capacityText,
  chooseOccurrence,
  icsFileName,
  matchesQuery,
  personName,
  pickerOccurrences,
  recurrenceText,
  rsvpState,
  rsvpStateText,
} from './eventView';
import { eventMessages } from './messages';

const fr = translateFeature(eventMessages, 'fr');
const en = translateFeature(eventMessages, 'en');
const namesFr = translateFeature(displayNameMessages, 'fr');
const namesEn = translateFeature(displayNameMessages, 'en');
const me = 'device-me-000000001' as MemberId;
const other = 'abcd-device-0000002' as MemberId;

const attendance = (partial: Partial<Attendance>): Attendance => ({
  confirmed: [],
  waitlist: [],
  maybe: [],
  notGoing: [],
  checkedIn: [],
  ...partial,
});

const monthly: CommunityEvent = {
  id: 'event-000000000001' as EventId,
  title: 'Apéro du mois',
  description: '',
  start: '2030-01-08T17:30:00.000Z', // 2nd Tuesday, 18:30 in Paris
  end: '2030-01-08T20:00:00.000Z',
  timeZone: 'Europe/Paris',
  place: 'Lyon',
  coordinates: null,
  recurrence: { frequency: 'monthly-by-weekday', interval: 1, until: '2030-12-31', count: null },
  exceptions: { '2030-03-12': { cancelled: true } },
  capacity: 30,
  cancelled: false,
  createdAt: '' as CommunityEvent['createdAt'],
  createdBy: other,
};

const snapshot = (members: CommunitySnapshot['members'] = []): CommunitySnapshot =>
  ({ members, events: [monthly] }) as unknown as CommunitySnapshot;

describe('RSVP state [RSVP1] [RSVP3]', () => {
  it('says confirmed, or the waitlist position, in both languages', () => {
    const confirmed = rsvpState(attendance({ confirmed: [other, me] }), me);
    expect(rsvpStateText(fr, confirmed)).toBe('Confirmé·e');
    const waiting = rsvpState(
      attendance({ confirmed: [other], waitlist: ['x' as MemberId, me] }),
      me,
    );
    expect(waiting).toEqual({ kind: 'waitlisted', position: 2 });
    expect(rsvpStateText(fr, waiting)).toBe('Liste d’attente : position 2');
    expect(rsvpStateText(en, waiting)).toBe('Waitlist: position 2');
  });

  it('tells maybe, not going and no answer apart', () => {
    expect(rsvpState(attendance({ maybe: [me] }), me).kind).toBe('maybe');
    expect(rsvpState(attendance({ notGoing: [me] }), me).kind).toBe('not-going');
    expect(rsvpStateText(fr, rsvpState(attendance({ confirmed: [other] }), me))).toBe(
      'Pas encore de réponse',
    );
  });
});

describe('capacity text', () => {
  it('counts the seats left, with singular and full', () => {
    expect(capacityText(fr, 12, 9)).toBe('12 places, 3 restantes');
    expect(capacityText(fr, 12, 11)).toBe('12 places, 1 restante');
    expect(capacityText(fr, 2, 2)).toBe('2 places, complet');
    expect(capacityText(en, 1, 0)).toBe('1 seat, 1 left');
    expect(capacityText(fr, null, 5)).toBeUndefined();
  });
});

describe('occurrence picker [REC2] [REC3]', () => {
  const now = new Date('2030-02-01T00:00:00Z');

  it('lists the next occurrences, the cancelled one flagged, in order', () => {
    const picked = pickerOccurrences(monthly, now, '', 4);
    expect(picked.map((o) => o.key)).toEqual([
      '2030-02-12',
      '2030-03-12',
      '2030-04-09',
      '2030-05-14',
    ]);
    expect(picked.map((o) => o.cancelled)).toEqual([false, true, false, false]);
  });

  it('adds a chosen occurrence outside the window in front', () => {
    expect(pickerOccurrences(monthly, now, '2030-01-08', 2).map((o) => o.key)).toEqual([
      '2030-01-08',
      '2030-02-12',
      '2030-03-12',
    ]);
  });

  it('chooses the requested occurrence, else the next one not cancelled', () => {
    expect(chooseOccurrence(monthly, '2030-03-12', now)?.cancelled).toBe(true);
    expect(chooseOccurrence(monthly, '', new Date('2030-03-01T00:00:00Z'))?.key).toBe('2030-04-09');
    expect(chooseOccurrence(monthly, '2030-03-13', now)?.key).toBe('2030-02-12');
    expect(chooseOccurrence(monthly, '', new Date('2031-06-01T00:00:00Z'))?.key).toBe('2030-12-10');
  });

  it('has no picker and the key "" for a one-off event', () => {
    const once = { ...monthly, recurrence: null, exceptions: {} };
    expect(pickerOccurrences(once, now, '')).toEqual([]);
    expect(chooseOccurrence(once, 'anything', now)?.key).toBe('');
  });

  it('describes the rule', () => {
    expect(recurrenceText(fr, monthly, 'fr')).toBe(
      'Chaque mois, le même jour de la semaine, jusqu’au 31 décembre 2030',
    );
    const biweekly = {
      ...monthly,
      recurrence: { frequency: 'weekly', interval: 2, until: null, count: null },
    } as const;
    expect(recurrenceText(en, biweekly, 'en')).toBe('Every 2 weeks');
  });
});

describe('people and organizer tools [MEM5] [EVT5]', () => {
  it('calls me "Vous", a member by name, a device by a short tag', () => {
    expect(personName(namesFr, snapshot(), me, me)).toBe('Vous');
    expect(personName(namesFr, snapshot(), other, me)).toBe('Participant·e ABCD');
    const members = [
      {
        id: other,
        displayName: 'Camille',
        role: MemberRole.member,
        status: MemberStatus.active,
      },
    ] as unknown as CommunitySnapshot['members'];
    expect(personName(namesEn, snapshot(members), other, me)).toBe('Camille');
  });

  it('opens the organizer tools to everyone in an open community only', () => {
    expect(canOrganize(snapshot(), monthly, me)).toBe(true);
    const members = [
      { id: me, displayName: 'Moi', role: MemberRole.member, status: MemberStatus.active },
    ] as unknown as CommunitySnapshot['members'];
    expect(canOrganize(snapshot(members), monthly, me)).toBe(false);
    expect(canOrganize(snapshot(members), { ...monthly, createdBy: me }, me)).toBe(true);
  });

  it('searches names without caring for accents or case', () => {
    expect(matchesQuery('Hélène Dupré', 'helene')).toBe(true);
    expect(matchesQuery('Hélène Dupré', 'DUPRE')).toBe(true);
    expect(matchesQuery('Hélène', 'marc')).toBe(false);
    expect(matchesQuery('Hélène', '  ')).toBe(true);
  });

  it('names the calendar file after the title', () => {
    expect(icsFileName('Apéro de juin !')).toBe('apero-de-juin.ics');
    expect(icsFileName('???')).toBe('evenement.ics');
  });
});
