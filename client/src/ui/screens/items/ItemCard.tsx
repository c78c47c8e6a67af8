import type { CommunityId, SharedItem } from '@ensemble/shared';
import { useMessages } from '../../../i18n/featureMessages';
import { useI18n } from '../../../i18n/I18nProvider';
import { paths } from '../../../router/routes';
import { kindLabel, statusText } from './itemLabels';
import { isOverdue, itemStatus } from './itemView';
import { itemMessages } from './messages';

/** An item in the list: its kind, its title (a link to its page), its state, who posted it. */
export function ItemCard(props: {
  readonly communityId: CommunityId;
  readonly item: SharedItem;
  readonly nameOf: (id: string) => string;
  readonly me: string;
  readonly now: Date;
}) {
  const t = useMessages(itemMessages);
  const { language } = useI18n();
  const { item } = props;
  const status = itemStatus(item);
  const overdue = isOverdue(status, props.now);
  return (
    <article className="card item-card" data-testid="item-card" data-kind={item.kind}>
      <p className="item-card-top">
        <span className={`item-kind item-kind-${item.kind}`} data-testid="item-kind">
          {kindLabel(t, item.kind)}
        </span>
        <span className={`item-status item-status-${status.kind}`} data-testid="item-status">
          {statusText(t, item, status, props.nameOf, language, props.me)}
          {overdue ? <strong className="item-overdue"> · {t('status.overdue')}</strong> : null}
        </span>
      </p>
      <h3 className="card-title">
        <a
          className="item-card-link"
          data-testid="item-link"
          href={paths.item(props.communityId, item.id)}
        >
          {item.title}
        </a>
      </h3>
      <p className="card-meta">
        <span>
          {item.owner === props.me
            ? t('card.byYou')
            : t('card.by', { name: props.nameOf(item.owner) })}
        </span>
        {item.tags.length > 0 ? (
          <span className="item-tags">{item.tags.map((tag) => `#${tag}`).join(' ')}</span>
        ) : null}
      </p>
    </article>
  );
}
