import { type CommunityId, ItemKind, MemberRole, type Post, readComments } from '@ensemble/shared';
import { useMemo, useState } from 'react';
import { useMessages } from '../../../i18n/featureMessages';
import { useI18n } from '../../../i18n/I18nProvider';
import { CommunityTab, paths } from '../../../router/routes';
import { useDocumentTitle } from '../../useDocumentTitle';
import { LazyAttachments } from '../attachments/LazyAttachments';
import { Comments } from '../comments/Comments';
import { useNameOf } from '../comments/useNameOf';
import { ReadOnlyBanner } from '../ReadOnlyBanner';
import { RelayRefusalBanner } from '../RelayRefusalBanner';
import { ItemActions } from './ItemActions';
import { ItemEditForm } from './ItemEditForm';
import { formatDay, kindLabel, periodText, statusText } from './itemLabels';
import { isOverdue, itemStatus, stampTime } from './itemView';
import { itemMessages } from './messages';
import { useItem } from './useItems';
import './items.css';

const NO_COMMENTS: readonly Post[] = [];

/** An item's page: details, the actions my role allows, its queue, its history, its comments. */
export function ItemScreen(props: { id: CommunityId; itemId: string }) {
  const t = useMessages(itemMessages);
  const { t: shell, language } = useI18n();
  const { view, item } = useItem(props.id, props.itemId);
  const comments = useMemo(
    () =>
      view.status === 'ready' && item
        ? readComments(view.document, { kind: 'item', itemId: item.id })
        : NO_COMMENTS,
    [view, item],
  );
  const snapshot = view.status === 'ready' ? view.snapshot : undefined;
  const { me, nameOf } = useNameOf(snapshot);
  const [now] = useState(() => new Date());
  const [editing, setEditing] = useState(false);
  useDocumentTitle(item?.title ?? shell('community.loadingTitle'));

  const back = (
    <p className="back-link">
      <a href={paths.community(props.id, CommunityTab.items)}>
        ← {shell('common.backTo', { name: snapshot?.profile.name ?? '…' })}
      </a>
    </p>
  );
  if (view.status !== 'ready') {
    return (
      <>
        {back}
        <h1 tabIndex={-1} data-testid="item-loading">
          {shell('community.loadingTitle')}
        </h1>
        <RelayRefusalBanner id={props.id} />
      </>
    );
  }
  if (!item) {
    return (
      <>
        {back}
        <h1 tabIndex={-1}>{t('page.notFoundTitle')}</h1>
        <p>{t('page.notFoundBody')}</p>
      </>
    );
  }

  const readOnly = view.access.mode === 'read-only';
  const status = itemStatus(item);
  const posted = stampTime(item.createdAt);
  const postedOn = posted ? formatDay(posted, language) : '…';
  const request = item.kind === ItemKind.request;
  const showHistory = item.kind === ItemKind.lend || item.history.length > 0;
  const moderator = view.snapshot.members.some(
    (m) => m.id === me && m.role === MemberRole.organizer,
  );

  return (
    <>
      {back}
      <p className="item-page-kind">
        <span className={`item-kind item-kind-${item.kind}`} data-testid="item-page-kind">
          {kindLabel(t, item.kind)}
        </span>
      </p>
      <h1 tabIndex={-1} data-testid="item-title-heading">
        {item.title}
      </h1>
      <RelayRefusalBanner id={props.id} />
      {view.access.mode === 'read-only' ? (
        <ReadOnlyBanner schemaVersion={view.access.schemaVersion} />
      ) : null}
      <p className={`item-state item-status-${status.kind}`} data-testid="item-state">
        {statusText(t, item, status, nameOf, language, me)}
        {isOverdue(status, now) ? <strong> · {t('status.overdue')}</strong> : null}
      </p>
      <p className="muted" data-testid="item-owner">
        {item.owner === me
          ? t('page.postedByYou', { date: postedOn })
          : t('page.postedBy', { name: nameOf(item.owner), date: postedOn })}
      </p>
      {editing ? (
        <ItemEditForm id={props.id} item={item} onDone={() => setEditing(false)} />
      ) : (
        <>
          {item.description ? <p className="item-description">{item.description}</p> : null}
          {item.tags.length > 0 ? (
            <ul className="item-tag-list" aria-label={t('page.tags')}>
              {item.tags.map((tag) => (
                <li key={tag}>#{tag}</li>
              ))}
            </ul>
          ) : null}
          {item.owner === me ? (
            <p>
              <button
                type="button"
                className="button-secondary"
                data-testid="item-edit"
                disabled={readOnly}
                onClick={() => setEditing(true)}
              >
                {t('edit.open')}
              </button>
            </p>
          ) : null}
        </>
      )}

      <LazyAttachments
        id={props.id}
        target={{ kind: 'item', itemId: item.id }}
        me={me}
        canAdd={!readOnly}
        moderator={moderator}
      />

      <ItemActions id={props.id} item={item} me={me} nameOf={nameOf} disabled={readOnly} />

      {item.queue.length > 0 ? (
        <section className="item-section" aria-labelledby="item-queue-title">
          <h2 id="item-queue-title">{request ? t('page.helpers') : t('page.queue')}</h2>
          <ol className="people-list">
            {item.queue.map((member) => (
              <li key={member} data-testid="queue-member">
                {nameOf(member)}
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      {showHistory ? (
        <section className="item-section" aria-labelledby="item-history-title">
          <h2 id="item-history-title">{t('history.title')}</h2>
          {item.history.length === 0 ? (
            <p className="muted">{t('history.empty')}</p>
          ) : (
            <ul className="people-list" data-testid="item-history">
              {[...item.history].reverse().map((period) => (
                <li key={period.from} data-testid="history-entry">
                  {periodText(t, period, nameOf, language)}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      <Comments
        id={props.id}
        target={{ kind: 'item', itemId: item.id }}
        comments={comments}
        me={me}
        nameOf={nameOf}
        disabled={readOnly}
        moderator={moderator}
      />
    </>
  );
}
