import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { createCommunity, expect, expectSynced, openAsMember, openPage, test } from './fixtures';

const TITLE = 'Apéro de juin';

/** Adds an event with a capacity through the form and opens its page. */
async function addEventWithCapacity(page: Page, capacity: number): Promise<void> {
  await page.getByTestId('add-event').click();
  await page.getByTestId('event-title').fill(TITLE);
  await page.getByTestId('event-start').fill('2030-06-12T18:30');
  await page.getByTestId('event-end').fill('2030-06-12T21:00');
  await page.getByTestId('event-place').fill('La Maison des associations');
  await page.getByTestId('event-capacity').fill(String(capacity));
  await page.getByTestId('event-submit').click();
  await openEvent(page);
  await expect(page.getByTestId('event-seats')).toHaveText(
    `${capacity} places, ${capacity} restantes`,
  );
}

async function openEvent(page: Page): Promise<void> {
  await page.getByTestId('event-link').filter({ hasText: TITLE }).click();
  await expect(page.getByTestId('event-title-heading')).toHaveText(TITLE);
}

/** Says "Je viens" (members gave their name when they founded or joined). */
async function rsvpGoing(page: Page): Promise<void> {
  await page.getByTestId('rsvp-going').click();
}

const WAITLISTED = /^Liste d’attente : position 1$/;

test('the meetup: capacity 2, two offline RSVPs, waitlist, promotion, offline check-in, .ics', async ({
  browser,
  relay,
}) => {
  const alice = await browser.newContext();
  const bruno = await browser.newContext();
  const chloe = await browser.newContext();
  const pageA = await openPage(alice, `${relay.url}/`);
  const link = await createCommunity(pageA, { name: 'Apéros de la Croix-Rousse' });
  await addEventWithCapacity(pageA, 2);
  await rsvpGoing(pageA);
  await expect(pageA.getByTestId('rsvp-state')).toHaveText('Confirmé·e');
  await expect(pageA.getByTestId('attendee-confirmed')).toHaveText(['Vous']);
  await expectSynced(pageA);

  // Bruno and Chloé open the invite link and see Alice's seat taken, then lose the network.
  const pageB = await openAsMember(bruno, link, 'Bruno');
  const pageC = await openAsMember(chloe, link, 'Chloé');
  for (const page of [pageB, pageC]) {
    await openEvent(page);
    await expect(page.getByTestId('attendee-confirmed')).toHaveCount(1);
    await expect(page.getByTestId('event-seats')).toHaveText('2 places, 1 restante');
    await expectSynced(page);
  }
  await bruno.setOffline(true);
  await chloe.setOffline(true);
  await expect(pageB.getByTestId('sync-status')).toHaveAttribute('data-state', 'offline');
  await expect(pageC.getByTestId('sync-status')).toHaveAttribute('data-state', 'offline');

  // Both take "the last seat" while apart: each one, alone, sees itself confirmed.
  await rsvpGoing(pageB);
  await rsvpGoing(pageC);
  await expect(pageB.getByTestId('rsvp-state')).toHaveText('Confirmé·e');
  await expect(pageC.getByTestId('rsvp-state')).toHaveText('Confirmé·e');
  await expect(pageA.getByTestId('attendee-confirmed')).toHaveCount(1);

  await bruno.setOffline(false);
  await chloe.setOffline(false);
  await expectSynced(pageB);
  await expectSynced(pageC);

  // [RSVP2] After the merge exactly two are confirmed everywhere and the third waits.
  for (const page of [pageA, pageB, pageC]) {
    await expect(page.getByTestId('attendee-confirmed')).toHaveCount(2);
    await expect(page.getByTestId('attendee-waitlist')).toHaveCount(1);
    await expect(page.getByTestId('event-seats')).toHaveText('2 places, complet');
  }
  await expect(pageA.getByTestId('rsvp-state')).toHaveText('Confirmé·e');
  const brunoWaits = WAITLISTED.test((await pageB.getByTestId('rsvp-state').textContent()) ?? '');
  const [waiting, seated] = brunoWaits ? [pageB, pageC] : [pageC, pageB];
  await expect(waiting.getByTestId('rsvp-state')).toHaveText(WAITLISTED);
  await expect(seated.getByTestId('rsvp-state')).toHaveText('Confirmé·e');
  await expect(waiting.getByTestId('attendee-waitlist')).toHaveText(['Vous']);

  // [RSVP3] The seated one withdraws: the waiting one is promoted, on every device.
  await seated.getByTestId('rsvp-withdraw').click();
  await expect(seated.getByTestId('rsvp-state')).toHaveText('Pas encore de réponse');
  await expect(waiting.getByTestId('rsvp-state')).toHaveText('Confirmé·e');
  for (const page of [pageA, pageB, pageC]) {
    await expect(page.getByTestId('attendee-confirmed')).toHaveCount(2);
    await expect(page.getByTestId('attendee-waitlist')).toHaveCount(0);
  }
  await expect(waiting.getByTestId('attendee-confirmed')).toContainText(['Vous']);

  // [RSVP5] Alice checks the promoted member in at the door, with no network.
  await alice.setOffline(true);
  await expect(pageA.getByTestId('sync-status')).toHaveAttribute('data-state', 'offline');
  await pageA.getByTestId('checkin-toggle').click();
  await expect(pageA.getByTestId('checkin-item')).toHaveCount(2);
  const promoted = pageA.getByTestId('checkin-item').filter({ hasNotText: 'Vous' });
  await promoted.getByRole('checkbox').check();
  await expect(promoted.getByRole('checkbox')).toBeChecked();
  await alice.setOffline(false);
  await expectSynced(pageA);
  // The member sees it on their own page (only organizers have the check-in list).
  await expect(waiting.getByTestId('rsvp-checked-in')).toHaveText(
    'Vous êtes enregistré·e à l’entrée.',
  );
  await expect(waiting.getByTestId('checkin-toggle')).toHaveCount(0);
  await expect(pageA.getByTestId('checkin-count')).toHaveText('1 présent·es sur 2 confirmé·es');

  // "Ajouter à mon agenda": the downloaded file is an iCalendar of this event.
  const download = pageA.waitForEvent('download');
  await pageA.getByTestId('ics-download').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('apero-de-juin.ics');
  const path = await file.path();
  const ics = readFileSync(path, 'utf8');
  expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(ics).toContain(`\r\nSUMMARY:${TITLE}\r\n`);
  expect(ics).toContain('\r\nDTSTART;TZID=Europe/Paris:20300612T183000\r\n');
  expect(ics).toContain('\r\nEND:VCALENDAR\r\n');

  await alice.close();
  await bruno.close();
  await chloe.close();
});

test('comments on an event: add, edit and delete one’s own', async ({ browser, relay }) => {
  const alice = await browser.newContext();
  const pageA = await openPage(alice, `${relay.url}/`);
  await createCommunity(pageA, { name: 'Apéros de la Croix-Rousse' });
  await addEventWithCapacity(pageA, 12);
  // The founder gave a name when creating the community: posting uses it.
  await pageA.getByTestId('comment-input').fill('J’apporte des chips');
  await pageA.getByTestId('comment-submit').click();
  await expect(pageA.getByTestId('comment-item')).toHaveCount(1);
  await expect(pageA.getByTestId('comment-item')).toContainText('J’apporte des chips');
  await pageA.getByTestId('comment-edit').click();
  await pageA.getByTestId('comment-edit-input').fill('J’apporte des chips et des olives');
  await pageA.getByTestId('comment-save').click();
  await expect(pageA.getByTestId('comment-item')).toContainText('des olives');
  await expect(pageA.getByTestId('comment-item')).toContainText('modifié');
  await pageA.getByTestId('comment-delete').click();
  await expect(pageA.getByTestId('comment-item')).toHaveText(/message supprimé/);
  await expect(pageA.getByTestId('comment-item')).not.toContainText('olives');
  await alice.close();
});
