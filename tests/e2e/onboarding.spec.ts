import { expect, openPage, test } from './fixtures';

test('first start: the home welcomes, asks for the name others will see, and keeps it', async ({
  browser,
  relay,
}) => {
  const context = await browser.newContext();
  const page = await openPage(context, `${relay.url}/`);
  const welcome = page.getByTestId('welcome');
  await expect(welcome.getByRole('heading', { name: 'Bienvenue sur Ensemble' })).toBeVisible();
  // Served from localhost: a secure context, so the device has made its key pair.
  await expect(welcome.getByTestId('welcome-keys')).toContainText('propre clé');

  // An empty name is refused with a reason, and nothing is saved.
  await welcome.getByTestId('display-name-save').click();
  await expect(welcome.getByTestId('display-name-input')).toHaveAttribute('aria-invalid', 'true');
  await expect(welcome).toBeVisible();

  await welcome.getByTestId('display-name-input').fill('Awa Diallo');
  await welcome.getByTestId('display-name-save').click();
  await expect(welcome).toHaveCount(0);

  // Kept on the device: the welcome does not come back, and the settings show the name.
  await page.reload();
  await expect(page.getByTestId('create-community')).toBeVisible();
  await expect(page.getByTestId('welcome')).toHaveCount(0);
  await page.goto(`${relay.url}/#/settings`);
  await expect(page.getByTestId('settings-name')).toHaveValue('Awa Diallo');
  // The community form offers it as the founder's name.
  await page.goto(`${relay.url}/#/new`);
  await expect(page.getByTestId('founder-name')).toHaveValue('Awa Diallo');
  await context.close();
});
