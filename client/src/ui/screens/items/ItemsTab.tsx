import { useMemo, useState } from 'react';
import { useMessages } from '../../../i18n/featureMessages';
import { paths } from '../../../router/routes';
import { useNameOf } from '../comments/useNameOf';
import type { CommunityTabProps } from '../tabProps';
import { ItemCard } from './ItemCard';
import { ItemFilters } from './ItemFilters';
import { filterItems, type ItemFilter, NO_FILTER } from './itemView';
import { itemMessages } from './messages';
import { useItems } from './useItems';
import './items.css';

const PAGE_SIZE = 30;

/** Offers, requests and loans: filters, search, and a button to post one. */
export function ItemsTab(props: CommunityTabProps) {
  const t = useMessages(itemMessages);
  const { items } = useItems(props.id);
  const { me, nameOf } = useNameOf(props.snapshot);
  const [filter, setFilter] = useState<ItemFilter>(NO_FILTER);
  const shown = useMemo(() => filterItems(items, filter, me), [items, filter, me]);
  const [now] = useState(() => new Date());
  // A phone draws a page of cards at a time, however many items the community holds.
  const [limit, setLimit] = useState(PAGE_SIZE);
  const changeFilter = (next: ItemFilter) => {
    setFilter(next);
    setLimit(PAGE_SIZE);
  };
  const more = Math.min(PAGE_SIZE, shown.length - limit);

  return (
    <section aria-labelledby="items-title">
      <h2 id="items-title">{t('list.title')}</h2>
      <p>
        {props.readOnly ? (
          <button type="button" data-testid="item-new" disabled>
            {t('list.post')}
          </button>
        ) : (
          <a className="button" data-testid="item-new" href={paths.newItem(props.id)}>
            {t('list.post')}
          </a>
        )}
      </p>
      {items.length === 0 ? (
        <p className="empty-state" data-testid="items-empty">
          {t('list.empty')}
        </p>
      ) : (
        <>
          <ItemFilters filter={filter} onChange={changeFilter} />
          <p className="muted" aria-live="polite" data-testid="item-count">
            {shown.length === 0
              ? t('list.noMatch')
              : t(shown.length === 1 ? 'list.count.one' : 'list.count.other', {
                  count: shown.length,
                })}
          </p>
          <ul className="card-list" data-testid="item-list">
            {shown.slice(0, limit).map((item) => (
              <li key={item.id}>
                <ItemCard communityId={props.id} item={item} nameOf={nameOf} me={me} now={now} />
              </li>
            ))}
          </ul>
          {more > 0 ? (
            <p>
              <button
                type="button"
                className="button-secondary"
                data-testid="item-more"
                onClick={() => setLimit(limit + PAGE_SIZE)}
              >
                {t('list.more', { count: more })}
              </button>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
