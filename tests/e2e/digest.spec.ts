import type { Page } from '@playwright/test';
import { addEvent, createCommunity, expect, test } from './fixtures';

/** The event titles of a community's digest as stored in the page's IndexedDB. */
function storedDigestTitles(page: Page, communityId: string): Promise<string[] | null> {
  return page.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('ensemble');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const row = await new Promise<{ digest?: { upcoming?: { title: string }[] } } | undefined>(
      (resolve, reject) => {
        const request = db.transaction('digests').objectStore('digests').get(id);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      },
    );
    db.close();
    return row?.digest?.upcoming?.map((event) => event.title) ?? null;
  }, communityId);
}

interface DigestPhase {
  readonly heading: string;
  readonly titles: string[];
  readonly addDisabled: boolean;
  readonly opening: boolean;
}

test('a reopened community shows its events from the digest at once, then becomes interactive', async ({
  page,
  relay,
}) => {
  await page.goto(`${relay.url}/`);
  await createCommunity(page, { name: 'Vélo-école des Pentes' });
  const communityId = /#\/c\/([^/?]+)/.exec(page.url())?.[1] ?? '';
  expect(communityId).not.toBe('');
  await addEvent(page, 'Balade du jeudi', '2030-06-12');
  await addEvent(page, 'Atelier freinage', '2030-06-05');
  // Written in the background after the changes.
  await expect
    .poll(() => storedDigestTitles(page, communityId))
    .toEqual(['Atelier freinage', 'Balade du jeudi']);

  // Records what the page shows while only the digest is there (before the document is applied).
  await page.addInitScript(() => {
    const w = window as unknown as { __digestPhase?: DigestPhase };
    const observer = new MutationObserver(() => {
      const list = document.querySelector<HTMLElement>('[data-testid=event-list]');
      if (list?.dataset.state !== 'digest') return;
      observer.disconnect();
      const add = document.querySelector('[data-testid=add-event]');
      w.__digestPhase = {
        heading: document.querySelector('main h1')?.textContent ?? '',
        titles: [...list.querySelectorAll('[data-testid=event-link]')].map(
          (link) => link.textContent ?? '',
        ),
        addDisabled: add instanceof HTMLButtonElement && add.disabled,
        opening: document.querySelector('[data-testid=events-opening]') !== null,
      };
    });
    observer.observe(document, { childList: true, subtree: true, attributes: true });
  });
  await page.reload();

  // The document replaces the digest: the page becomes interactive.
  await expect(page.getByTestId('event-list')).toHaveAttribute('data-state', 'document');
  await expect(page.getByTestId('events-opening')).toHaveCount(0);
  const phase = await page.evaluate(
    () => (window as unknown as { __digestPhase?: DigestPhase }).__digestPhase,
  );
  expect(phase).toEqual({
    heading: 'Vélo-école des Pentes',
    titles: ['Atelier freinage', 'Balade du jeudi'],
    addDisabled: true,
    opening: true,
  });

  await expect(page.getByTestId('add-event')).toHaveAttribute('href', /#\/c\//);
  await page.getByTestId('event-link').filter({ hasText: 'Atelier freinage' }).click();
  await page.getByTestId('rsvp-going').click();
  await expect(page.getByTestId('rsvp-state')).toHaveText('Confirmé·e');
});
