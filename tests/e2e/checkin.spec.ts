import { addEvent, createCommunity, expect, openAsMember, openPage, test } from './fixtures';

test('door check-in by QR code: a member shows their entry code, the organizer scans a photo of it offline', async ({
  browser,
  relay,
}) => {
  const alice = await browser.newContext();
  const bob = await browser.newContext();
  const pageA = await openPage(alice, `${relay.url}/`);
  const link = await createCommunity(pageA, { name: 'Club photo', founder: 'Alice' });
  await addEvent(pageA, 'Sortie au port', '2030-07-04');
  const pageB = await openAsMember(bob, link, 'Bob');

  await pageB.getByTestId('event-link').filter({ hasText: 'Sortie au port' }).click();
  await pageB.getByTestId('rsvp-going').click();
  await expect(pageB.getByTestId('rsvp-state')).toHaveText('Confirmé·e');
  await pageB.getByTestId('checkin-code-toggle').click();
  const code = pageB.getByTestId('checkin-code');
  await expect(code).toBeVisible();
  const photo = await code.screenshot();

  await pageA.getByTestId('event-link').filter({ hasText: 'Sortie au port' }).click();
  await expect(pageA.getByTestId('attendee-confirmed')).toContainText(['Bob']);
  // No network at the door.
  await alice.setOffline(true);
  await pageA.getByTestId('checkin-toggle').click();
  const scanImage = pageA.getByTestId('checkin-scan-image');
  await scanImage.setInputFiles({ name: 'code.png', mimeType: 'image/png', buffer: photo });
  await expect(pageA.getByTestId('checkin-scan-result')).toHaveText(
    'Bob est enregistré·e à l’entrée.',
  );
  const bobRow = pageA.getByTestId('checkin-item').filter({ hasText: 'Bob' });
  await expect(bobRow.getByRole('checkbox')).toBeChecked();
  // The same code again: nothing changes, and it says so.
  await scanImage.setInputFiles({ name: 'code.png', mimeType: 'image/png', buffer: photo });
  await expect(pageA.getByTestId('checkin-scan-result')).toHaveText('Bob était déjà enregistré·e.');
  // A photo with no code in it: said plainly, nothing recorded.
  await scanImage.setInputFiles({
    name: 'blank.png',
    mimeType: 'image/png',
    buffer: await pageA.getByTestId('checkin-count').screenshot(),
  });
  await expect(pageA.getByTestId('checkin-scan-result')).toHaveText(
    'Aucun code lisible sur cette image.',
  );

  await alice.setOffline(false);
  await expect(pageB.getByTestId('rsvp-checked-in')).toHaveText(
    'Vous êtes enregistré·e à l’entrée.',
  );
  await alice.close();
  await bob.close();
});
