import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/I18nProvider';
import { optionalPart } from './optionalPart';
import { PartBoundary } from './PartBoundary';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
let host: HTMLDivElement | undefined;
afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
  root = undefined;
  vi.restoreAllMocks();
});

function render(node: React.ReactNode): HTMLDivElement {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() =>
    root?.render(
      <I18nProvider initial="fr" onChange={() => undefined}>
        {node}
      </I18nProvider>,
    ),
  );
  return host;
}

function Broken(): never {
  throw new Error('chunk missing');
}

const settle = () => act(async () => await new Promise((done) => setTimeout(done, 0)));

describe('optional parts', () => {
  it('a part whose code cannot be fetched leaves the screen standing, and comes back when the network does', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let online = false;
    const load = vi.fn(async () => {
      if (!online) throw new TypeError('Failed to fetch dynamically imported module');
      return (props: { name: string }) => <p data-testid="part">Bonjour {props.name}</p>;
    });
    const Part = optionalPart(load);
    const page = render(
      <main>
        <h1>Écran</h1>
        <Part name="Awa" />
      </main>,
    );
    await settle();
    await settle();
    // The screen is still there; the part says nothing.
    expect(page.querySelector('h1')?.textContent).toBe('Écran');
    expect(page.querySelector('[data-testid=part]')).toBeNull();

    online = true;
    await act(async () => {
      window.dispatchEvent(new Event('online'));
    });
    await settle();
    await settle();
    expect(page.querySelector('[data-testid=part]')?.textContent).toBe('Bonjour Awa');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('a screen that fails says so with a retry, instead of a blank page', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const retry = vi.fn();
    const page = render(
      <PartBoundary onRetry={retry}>
        <Broken />
      </PartBoundary>,
    );
    await settle();
    const alert = page.querySelector('[data-testid=part-failed]');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toContain('n’a pas pu se charger');
    act(() => alert?.querySelector('button')?.click());
    expect(retry).toHaveBeenCalledTimes(1);
  });
});
