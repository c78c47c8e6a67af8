import {
  encodeHlc,
  type HlcTimestamp,
  ItemKind,
  ItemState,
  type MemberId,
  type SharedItem,
} from '@ensemble/shared';
import { describe, expect, it } from 'vitest';
import { translateFeature } from '../../../i18n/featureMessages';
import { periodText, statusText } from './itemLabels';
import { filterItems, itemRole, itemStatus, NO_FILTER, parseTags } from './itemView';
import { itemMessages } from './messages';

const alice = 'alice' as MemberId;
const bruno = 'bruno' as MemberId;
const chloe = 'chloe' as MemberId;
const stamp = (iso: string) => encodeHlc({ wallMs: Date.parse(iso), counter: 0, node: 'd' });

function item(fields: Partial<SharedItem> & Pick<SharedItem, 'title'>): SharedItem {
  return {
    id: `id-${fields.title}` as SharedItem['id'],
    kind: ItemKind.lend,
    description: '',
    tags: [],
    owner: alice,
    createdAt: stamp('2030-06-01T10:00:00Z'),
    state: ItemState.open,
    holder: null,
    queue: [],
    history: [],
    ...fields,
  };
}

const projector = item({ title: 'Vidéoprojecteur', tags: ['Électronique'] });
const request = item({
  title: 'Qui peut prêter une échelle ?',
  kind: ItemKind.request,
  owner: bruno,
  state: ItemState.reserved,
  queue: [chloe],
});
const closed = item({ title: 'Poussette', kind: ItemKind.offer, state: ItemState.closed });
const all = [projector, request, closed];
const titles = (items: readonly SharedItem[]) => items.map((i) => i.title);

describe('filterItems', () => {
  it('keeps every item with no filter', () => {
    expect(titles(filterItems(all, NO_FILTER, alice))).toEqual(titles(all));
  });

  it('keeps the chosen kinds, several at once', () => {
    expect(titles(filterItems(all, { ...NO_FILTER, kinds: [ItemKind.request] }, alice))).toEqual([
      request.title,
    ]);
    const two = filterItems(all, { ...NO_FILTER, kinds: [ItemKind.lend, ItemKind.offer] }, alice);
    expect(titles(two)).toEqual([projector.title, closed.title]);
  });

  it('hides closed items when "still open" is on', () => {
    expect(titles(filterItems(all, { ...NO_FILTER, openOnly: true }, alice))).toEqual([
      projector.title,
      request.title,
    ]);
  });

  it('"mine" keeps what I posted, hold or queue for', () => {
    expect(titles(filterItems(all, { ...NO_FILTER, mine: true }, chloe))).toEqual([request.title]);
    expect(titles(filterItems(all, { ...NO_FILTER, mine: true }, bruno))).toEqual([request.title]);
    const held = item({ title: 'Perceuse', holder: chloe, state: ItemState.handedOver });
    expect(titles(filterItems([held], { ...NO_FILTER, mine: true }, chloe))).toEqual(['Perceuse']);
  });

  it('[ITM4] searches with accents and case ignored, combined with the filters', () => {
    expect(titles(filterItems(all, { ...NO_FILTER, query: 'videoPROJ' }, alice))).toEqual([
      projector.title,
    ]);
    expect(titles(filterItems(all, { ...NO_FILTER, query: 'electronique' }, alice))).toEqual([
      projector.title,
    ]);
    const none = { ...NO_FILTER, query: 'video', kinds: [ItemKind.request] };
    expect(filterItems(all, none, alice)).toEqual([]);
  });
});

describe('item state labels', () => {
  const t = translateFeature(itemMessages, 'fr');
  const en = translateFeature(itemMessages, 'en');
  const nameOf = (id: string) => (id === alice ? 'Vous' : id.toUpperCase());
  const label = (i: SharedItem, tr = t, locale = 'fr') =>
    statusText(tr, i, itemStatus(i), nameOf, locale);

  it('says available, reserved with the queue length, lent to whom and until when', () => {
    expect(label(projector)).toBe('Disponible');
    const reserved = { ...projector, state: ItemState.reserved, queue: [bruno, chloe] };
    expect(label(reserved)).toBe('Réservé · 2 personnes en file');
    expect(label({ ...reserved, queue: [bruno] })).toBe('Réservé · 1 personne en file');
    const lent = {
      ...projector,
      state: ItemState.handedOver,
      holder: bruno,
      history: [
        {
          member: bruno,
          from: stamp('2030-06-02T10:00:00Z'),
          until: null,
          dueAt: '2030-06-20T21:59:00.000Z',
        },
      ],
    };
    expect(label(lent)).toBe('Prêté à BRUNO jusqu’au 20 juin 2030');
    expect(label(lent, en, 'en')).toBe('Lent to BRUNO until June 20, 2030');
    expect(statusText(t, lent, itemStatus(lent), nameOf, 'fr', bruno)).toBe(
      'Emprunté par vous jusqu’au 20 juin 2030',
    );
    expect(label({ ...projector, state: ItemState.returned })).toBe('Disponible');
    expect(label(closed)).toBe('Fermée');
  });

  it('speaks of requests and gifts in their own words', () => {
    expect(label(request)).toBe('1 proposition d’aide');
    expect(label({ ...request, state: ItemState.open, queue: [] })).toBe(
      'En attente d’une réponse',
    );
    const given = { ...closed, state: ItemState.handedOver, holder: chloe };
    expect(label(given)).toBe('Donné à CHLOE');
  });

  it('writes a holding period with its dates, due date and lateness', () => {
    const period = {
      member: bruno,
      from: stamp('2030-06-02T10:00:00Z') as HlcTimestamp,
      until: stamp('2030-06-25T10:00:00Z') as HlcTimestamp,
      dueAt: '2030-06-20T21:59:00.000Z',
    };
    expect(periodText(t, period, nameOf, 'fr')).toBe(
      'BRUNO : du 2 juin 2030 au 25 juin 2030 (à rendre le 20 juin 2030, rendu en retard)',
    );
    const sameDay = { ...period, until: stamp('2030-06-02T18:00:00Z'), dueAt: null };
    expect(periodText(t, sameDay, nameOf, 'fr')).toBe('BRUNO : le 2 juin 2030');
    expect(periodText(t, { ...period, until: null, dueAt: null }, nameOf, 'fr')).toBe(
      'BRUNO : depuis le 2 juin 2030',
    );
  });
});

describe('itemRole and parseTags', () => {
  it('tells the owner, the holder, the queued (with position) and others apart', () => {
    const queued = { ...projector, queue: [bruno, chloe] };
    expect(itemRole(queued, alice)).toEqual({ kind: 'owner' });
    expect(itemRole(queued, chloe)).toEqual({ kind: 'queued', position: 2 });
    expect(itemRole({ ...projector, holder: bruno }, bruno)).toEqual({ kind: 'holder' });
    expect(itemRole(projector, chloe)).toEqual({ kind: 'other' });
  });

  it('splits tags on commas and semicolons, without # or blanks', () => {
    expect(parseTags(' outils, #bricolage;; jardin partagé ,')).toEqual([
      'outils',
      'bricolage',
      'jardin partagé',
    ]);
  });
});
