import { ItemKind } from '@ensemble/shared';
import { useMessages } from '../../../i18n/featureMessages';
import { kindLabel } from './itemLabels';
import { type ItemFilter, NO_FILTER } from './itemView';
import { itemMessages } from './messages';

const KINDS: readonly ItemKind[] = [ItemKind.offer, ItemKind.request, ItemKind.lend];

/** Search, kinds (toggles), "still open" and "involving me". */
export function ItemFilters(props: {
  readonly filter: ItemFilter;
  readonly onChange: (filter: ItemFilter) => void;
}) {
  const t = useMessages(itemMessages);
  const { filter, onChange } = props;
  const toggleKind = (kind: ItemKind) =>
    onChange({
      ...filter,
      kinds: filter.kinds.includes(kind)
        ? filter.kinds.filter((k) => k !== kind)
        : [...filter.kinds, kind],
    });
  const active =
    filter.kinds.length > 0 || filter.openOnly || filter.mine || filter.query.trim() !== '';

  return (
    <search className="item-filters" aria-label={t('filter.legend')}>
      <div className="field item-search">
        <label htmlFor="item-search">{t('filter.search')}</label>
        <p className="field-hint" id="item-search-hint">
          {t('filter.searchHint')}
        </p>
        <input
          id="item-search"
          type="search"
          data-testid="item-search"
          aria-describedby="item-search-hint"
          value={filter.query}
          onChange={(event) => onChange({ ...filter, query: event.target.value })}
        />
      </div>
      <fieldset className="chips">
        <legend className="visually-hidden">{t('filter.kinds')}</legend>
        {KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            className="chip"
            data-testid={`item-filter-${kind}`}
            aria-pressed={filter.kinds.includes(kind)}
            onClick={() => toggleKind(kind)}
          >
            {kindLabel(t, kind)}
          </button>
        ))}
        <button
          type="button"
          className="chip"
          data-testid="item-filter-open"
          aria-pressed={filter.openOnly}
          onClick={() => onChange({ ...filter, openOnly: !filter.openOnly })}
        >
          {t('filter.openOnly')}
        </button>
        <button
          type="button"
          className="chip"
          data-testid="item-filter-mine"
          aria-pressed={filter.mine}
          onClick={() => onChange({ ...filter, mine: !filter.mine })}
        >
          {t('filter.mine')}
        </button>
        {active ? (
          <button
            type="button"
            className="chip chip-clear"
            data-testid="item-filter-clear"
            onClick={() => onChange(NO_FILTER)}
          >
            {t('filter.clear')}
          </button>
        ) : null}
      </fieldset>
    </search>
  );
}
