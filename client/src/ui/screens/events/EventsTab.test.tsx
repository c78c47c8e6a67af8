import { type CommunityId, type EventId, newCommunityId } from '@ensemble/shared';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventCardData } from '../../../app/communityDigest';
import { I18nProvider } from '../../../i18n/I18nProvider';
import { EventsTab, type EventsTabState } from './EventsTab';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  document.body.innerHTML = '';
});

const events = (prefix: string, count: number): EventCardData[] =>
  Array.from({ length: count }, (_, index) => ({
    id: `${prefix}-${index}` as EventId,
    title: `${prefix} ${index + 1}`,
    start: '2030-06-12T16:30:00Z',
    end: '2030-06-12T19:00:00Z',
    timeZone: 'Europe/Paris',
    place: '',
  }));

function render(id: CommunityId, upcoming: number, past: number, state: EventsTabState) {
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() =>
    root?.render(
      <I18nProvider initial="fr" onChange={() => undefined}>
        <EventsTab
          id={id}
          sections={{ upcoming: events('À venir', upcoming), past: events('Passé', past) }}
          state={state}
        />
      </I18nProvider>,
    ),
  );
  const count = (selector: string) => container.querySelectorAll(selector).length;
  const button = (testId: string) =>
    container.querySelector<HTMLButtonElement>(`[data-testid=${testId}]`);
  return { container, count, button };
}

describe('events tab', () => {
  it('draws the first 50 upcoming and 20 past events, and more on request', () => {
    const { count, button } = render(newCommunityId(), 160, 30, 'ready');
    expect(count('.card-list:not(.card-list-past) [data-testid=event-item]')).toBe(50);
    expect(count('.card-list-past [data-testid=event-item]')).toBe(20);
    expect(button('more-upcoming')?.textContent).toBe(
      'Afficher plus d’évènements à venir (encore 110)',
    );
    act(() => button('more-upcoming')?.click());
    expect(count('.card-list:not(.card-list-past) [data-testid=event-item]')).toBe(150);
    act(() => button('more-upcoming')?.click());
    expect(count('.card-list:not(.card-list-past) [data-testid=event-item]')).toBe(160);
    expect(button('more-upcoming')).toBeNull();
    act(() => button('more-past')?.click());
    expect(count('.card-list-past [data-testid=event-item]')).toBe(30);
    expect(button('more-past')).toBeNull();
  });

  it('while opening from the digest: adding waits, and the list says it is not final', () => {
    const { container, button } = render(newCommunityId(), 3, 0, 'opening');
    expect(button('add-event')?.disabled).toBe(true);
    expect(container.querySelector('[data-testid=events-opening]')?.textContent).toBe(
      'Ouverture depuis cet appareil…',
    );
    const list = container.querySelector('[data-testid=event-list]');
    expect(list?.getAttribute('data-state')).toBe('digest');
    expect(list?.getAttribute('aria-busy')).toBe('true');
  });
});
