import 'fake-indexeddb/auto';
import {
  applyCommunityChange,
  communityDocId,
  HybridLogicalClock,
  newCommunityId,
  newDeviceId,
  readCommunity,
  yjsEngine,
} from '@ensemble/shared';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type AppServices, ServicesProvider } from '../app/services';
import { I18nProvider } from '../i18n/I18nProvider';
import { DocumentStore } from '../storage/DocumentStore';
import { type EnsembleDatabase, openEnsembleDatabase } from '../storage/EnsembleDatabase';
import { type StorageErrorReason, toStorageError } from '../storage/StorageError';
import { ValueStore } from '../util/ValueStore';
import { StorageProblemBanner } from './Banners';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let db: EnsembleDatabase | undefined;
let root: Root | undefined;
afterEach(async () => {
  act(() => root?.unmount());
  root = undefined;
  vi.restoreAllMocks();
  await db?.delete();
  db = undefined;
});

const clock = new HybridLogicalClock(newDeviceId());
const addEvent = (doc: Parameters<typeof applyCommunityChange>[0], title: string) =>
  applyCommunityChange(
    doc,
    {
      type: 'addEvent',
      title,
      start: '2030-06-12T18:30:00+02:00',
      end: '2030-06-12T21:00:00+02:00',
      timeZone: 'Europe/Paris',
      place: 'La Fabrique',
    },
    { clock },
  );

describe('a full disk', () => {
  it('shows a clear message, loses nothing stored, and saves the pending edit once there is room', async () => {
    db = openEnsembleDatabase(`quota-${Math.random()}`);
    const store = new DocumentStore(db, yjsEngine);
    // As main.tsx wires it: every storage failure becomes the banner's reason.
    const storageProblem = new ValueStore<StorageErrorReason | undefined>(undefined);
    store.onError((error) => storageProblem.set(toStorageError(error).reason));
    const services = { storageProblem } as unknown as AppServices;
    const container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
    act(() =>
      root?.render(
        <ServicesProvider services={services}>
          <I18nProvider initial="fr" onChange={() => undefined}>
            <StorageProblemBanner />
          </I18nProvider>
        </ServicesProvider>,
      ),
    );
    expect(container.querySelector('[data-testid=storage-error]')).toBeNull();

    const id = newCommunityId();
    const doc = yjsEngine.create(communityDocId(id));
    store.attach(doc);
    const created = applyCommunityChange(
      doc,
      { type: 'createCommunity', name: 'Jardin partagé', description: '', city: 'Lyon' },
      { clock },
    );
    expect(created.ok).toBe(true);
    expect(addEvent(doc, 'Semis').ok).toBe(true);
    await store.whenIdle(doc.id);
    const stored = await db.updates.toArray();

    // The disk fills up: IndexedDB refuses the next write.
    const add = vi
      .spyOn(db.updates, 'add')
      .mockRejectedValue(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    expect(addEvent(doc, 'Récolte').ok).toBe(true);
    await act(() => store.whenIdle(doc.id));
    const banner = container.querySelector('[data-testid=storage-error]');
    expect(banner?.getAttribute('role')).toBe('alert');
    expect(banner?.textContent).toContain('Stockage plein');
    expect(banner?.textContent).toContain('rien de ce qui était déjà enregistré n’est perdu');
    expect(await db.updates.toArray()).toEqual(stored);
    expect(store.unsavedCount(doc.id)).toBe(1);

    // Room again: the next edit writes the pending one too; reopening shows everything.
    add.mockRestore();
    expect(addEvent(doc, 'Fête des voisins').ok).toBe(true);
    await store.whenIdle(doc.id);
    expect(store.unsavedCount(doc.id)).toBe(0);
    const reopened = await new DocumentStore(db, yjsEngine).load(doc.id);
    expect(
      readCommunity(reopened)
        ?.events.map((event) => event.title)
        .sort(),
    ).toEqual(['Fête des voisins', 'Récolte', 'Semis']);
  });
});
