import { type HoldingPeriod, ItemKind, type SharedItem } from '@ensemble/shared';
import type { FeatureTranslate } from '../../../i18n/featureMessages';
import type { ItemStatus } from './itemView';
import { stampTime } from './itemView';
import type { ItemMessageKey } from './messages';

export type ItemTranslate = FeatureTranslate<ItemMessageKey>;

/** "12 juin 2030" in the reader's language. */
export function formatDay(date: Date | string, locale: string): string {
  const value = typeof date === 'string' ? new Date(date) : date;
  if (Number.isNaN(value.getTime())) return String(date);
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' }).format(
    value,
  );
}

export function kindLabel(t: ItemTranslate, kind: ItemKind): string {
  switch (kind) {
    case ItemKind.offer:
      return t('kind.offer');
    case ItemKind.request:
      return t('kind.request');
    case ItemKind.lend:
      return t('kind.lend');
    default:
      return assertNever(kind);
  }
}

/**
 * The state as a card says it: "Disponible", "Réservé · 2 personnes en file",
 * "Prêté à Alice jusqu’au 20 juin 2030" ("Emprunté par vous…" for `me`), "Fermée"; requests
 * and gifts in their own words.
 */
export function statusText(
  t: ItemTranslate,
  item: SharedItem,
  status: ItemStatus,
  nameOf: (id: string) => string,
  locale: string,
  me?: string,
): string {
  const request = item.kind === ItemKind.request;
  switch (status.kind) {
    case 'available':
      return request ? t('status.requestOpen') : t('status.available');
    case 'reserved': {
      const count = status.queueLength;
      if (request) return t(count === 1 ? 'status.helpers.one' : 'status.helpers.other', { count });
      return t(count === 1 ? 'status.reserved.one' : 'status.reserved.other', { count });
    }
    case 'held': {
      const name = nameOf(status.holder);
      const you = status.holder === me;
      if (item.kind === ItemKind.offer)
        return you ? t('status.givenYou') : t('status.given', { name });
      if (request) return you ? t('status.helpedYou') : t('status.helped', { name });
      const date = status.dueAt ? formatDay(status.dueAt, locale) : undefined;
      if (you) return date ? t('status.lentYouUntil', { date }) : t('status.lentYou');
      return date ? t('status.lentUntil', { name, date }) : t('status.lent', { name });
    }
    case 'closed':
      return t('status.closed');
    default:
      return assertNever(status);
  }
}

/** One line of a loan's history: who had it, from when to when, and the due date. */
export function periodText(
  t: ItemTranslate,
  period: HoldingPeriod,
  nameOf: (id: string) => string,
  locale: string,
): string {
  const name = nameOf(period.member);
  const from = stampTime(period.from);
  const until = period.until ? stampTime(period.until) : undefined;
  const fromText = from ? formatDay(from, locale) : '?';
  const untilText = until ? formatDay(until, locale) : undefined;
  const base =
    untilText === undefined
      ? t('history.current', { name, from: fromText })
      : untilText === fromText
        ? t('history.sameDay', { name, from: fromText })
        : t('history.period', { name, from: fromText, until: untilText });
  const extras: string[] = [];
  if (period.dueAt) extras.push(t('history.due', { date: formatDay(period.dueAt, locale) }));
  if (period.dueAt && until && until.getTime() > Date.parse(period.dueAt))
    extras.push(t('history.late'));
  return extras.length > 0 ? `${base} (${extras.join(', ')})` : base;
}

function assertNever(value: never): never {
  throw new Error(`Unhandled value ${JSON.stringify(value)}`);
}
