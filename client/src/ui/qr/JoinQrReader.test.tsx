import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../i18n/I18nProvider';
import { JoinQrReader } from './JoinQrReader';

const scanned = vi.hoisted(() => ({ text: undefined as string | undefined }));
vi.mock('./scanQr', () => ({ scanQrFromImage: async () => scanned.text }));

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const JOIN =
  '#/join/c0mmun1tyIdAbCdEf/Ab3_dEf-ghIjKlMnOpQrStUvWxYz0123456789abcde/inv1teIdAbCdEfGh/S3cr3t_-ghIjKlMnOpQrStUvWxYz0123456789abcd';

let root: Root | undefined;
let container: HTMLDivElement;
let secure = true;

function render() {
  Object.defineProperty(window, 'isSecureContext', { configurable: true, value: secure });
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() =>
    root?.render(
      <I18nProvider initial="fr" onChange={() => undefined}>
        <JoinQrReader />
      </I18nProvider>,
    ),
  );
}

beforeEach(() => {
  window.location.hash = '#/';
  secure = true;
  render();
});
afterEach(() => {
  act(() => root?.unmount());
  container.remove();
});

/** Chooses an image whose QR code (as the scanner reads it) holds `text`. */
async function chooseImage(text: string | undefined): Promise<string | null | undefined> {
  scanned.text = text;
  const input = container.querySelector<HTMLInputElement>('[data-testid=join-qr-image]');
  if (!input) throw new Error('no image input');
  Object.defineProperty(input, 'files', {
    configurable: true,
    value: [new File(['png'], 'code.png', { type: 'image/png' })],
  });
  await act(async () => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
  return container.querySelector('[data-testid=join-qr-error]')?.textContent;
}

describe('joining by QR code', () => {
  it('says the camera is missing, and keeps the photo as a way in', async () => {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(container.textContent).toContain('La caméra n’est pas disponible');
    expect(container.querySelector('[data-testid=join-qr-image]')).not.toBeNull();
  });

  it('says why over plain HTTP: browsers give no camera to an insecure page', async () => {
    act(() => root?.unmount());
    container.remove();
    secure = false;
    render();
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(container.textContent).toContain('page sécurisée (HTTPS)');
  });

  it('refuses what is not an invite with a message saying what it is, and stays put', async () => {
    expect(await chooseImage('ENS1:1/2:abc:Zm9vYmFy')).toContain('code d’appairage');
    expect(await chooseImage('https://fablab.example.org/agenda')).toBe(
      'Ce code QR mène à fablab.example.org, pas à une invitation Ensemble.',
    );
    expect(await chooseImage('https://fablab.example.org/#/join/abc')).toContain(
      'incomplet ou abîmé',
    );
    expect(await chooseImage('WIFI:S:Fablab;T:WPA;P:secret;;')).toContain(
      'ne contient pas de lien d’invitation',
    );
    expect(await chooseImage(undefined)).toContain('Aucun code QR trouvé');
    expect(window.location.hash).toBe('#/');
  });

  it('opens the join address of an invite link, whatever origin it was made on', async () => {
    expect(await chooseImage(`https://ensemble.other-group.example/${JOIN}`)).toBeUndefined();
    expect(window.location.hash).toBe(JOIN);
    expect(container.textContent).toContain('Invitation lue');
  });
});
