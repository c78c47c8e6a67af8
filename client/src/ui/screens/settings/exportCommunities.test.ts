import {
  applyCommunityChange,
  type CommunityId,
  type CrdtDocument,
  communityDocId,
  HybridLogicalClock,
  type MemberId,
  newCommunityId,
  newDeviceId,
  yjsEngine,
} from '@ensemble/shared';
import { describe, expect, it } from 'vitest';
import {
  type CommunityExport,
  collectCommunities,
  communitiesToICalendar,
  communitiesToJson,
} from './exportCommunities';

const clock = new HybridLogicalClock(newDeviceId());

function community(name: string, eventTitle: string): [CommunityId, CrdtDocument] {
  const id = newCommunityId();
  const doc = yjsEngine.create(communityDocId(id));
  const founder = 'member-founder' as MemberId;
  const context = { clock, actor: founder };
  const run = (change: Parameters<typeof applyCommunityChange>[1]) => {
    const result = applyCommunityChange(doc, change, context);
    if (!result.ok) throw new Error(result.error.reason);
  };
  run({
    type: 'createCommunity',
    name,
    description: 'Entraide',
    city: 'Lyon',
    founder: { id: founder, displayName: 'Awa', publicKey: 'pk' },
  });
  run({
    type: 'addEvent',
    title: eventTitle,
    start: '2030-06-12T18:30:00+02:00',
    end: '2030-06-12T21:00:00+02:00',
    timeZone: 'Europe/Paris',
    place: 'La Fabrique',
  });
  run({ type: 'postItem', kind: 'offer', title: 'Vidéoprojecteur', description: '', tags: [] });
  return [id, doc];
}

describe('exporting my communities', () => {
  const [a, docA] = community('Jardin partagé', 'Semis de printemps');
  const [b, docB] = community('Café des indés', 'Apéro code');
  const absent = newCommunityId();
  const docs = new Map<CommunityId, CrdtDocument>([
    [a, docA],
    [b, docB],
    // On the home list but not received yet: an empty document.
    [absent, yjsEngine.create(communityDocId(absent))],
  ]);

  it('writes every community as plain JSON (profile, events, members, items) and says which are missing', async () => {
    const { communities, missing } = await collectCommunities([a, b, absent], async (id) =>
      docs.get(id),
    );
    expect(missing).toEqual([absent]);
    const text = communitiesToJson(communities, {
      now: new Date('2030-01-01'),
      appVersion: '1.2.3',
    });
    const parsed = JSON.parse(text) as CommunityExport;
    expect(parsed.format).toBe('ensemble-communities');
    expect(parsed.communities.map((entry) => entry.community.profile.name)).toEqual([
      'Jardin partagé',
      'Café des indés',
    ]);
    expect(parsed.communities[0]?.community.events[0]?.title).toBe('Semis de printemps');
    expect(parsed.communities[0]?.community.members[0]?.displayName).toBe('Awa');
    expect(parsed.communities[1]?.items).toHaveLength(1);
    expect(text).not.toContain('capability');
  });

  it('makes one calendar with the events of every community', async () => {
    const { communities } = await collectCommunities([a, b], async (id) => docs.get(id));
    const ics = communitiesToICalendar(communities, {
      now: new Date('2030-01-01'),
      origin: 'example.org',
      name: 'Mes communautés',
    });
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain('X-WR-CALNAME:Mes communautés');
    expect(ics?.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(ics).toContain('SUMMARY:Semis de printemps');
    expect(ics).toContain('SUMMARY:Apéro code');
    expect(communitiesToICalendar([], { now: new Date(), origin: 'x', name: 'x' })).toBeUndefined();
  });
});
