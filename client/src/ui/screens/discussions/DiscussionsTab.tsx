import type { CommunityId, DiscussionThread } from '@ensemble/shared';
import { useState } from 'react';
import { useMessages } from '../../../i18n/featureMessages';
import { useI18n } from '../../../i18n/I18nProvider';
import { paths } from '../../../router/routes';
import { useNameOf } from '../comments/useNameOf';
import type { CommunityTabProps } from '../tabProps';
import { discussionMessages } from './messages';
import { NewThreadForm } from './NewThreadForm';
import { formatStamp, repliesText, splitThreads } from './threadView';
import { useThreads } from './useThreads';
import './discussions.css';

/** [DSC1] Threads by last activity (archived ones apart), and starting one. */
export function DiscussionsTab(props: CommunityTabProps) {
  const t = useMessages(discussionMessages);
  const threads = useThreads(props.id);
  const { open, archived } = splitThreads(threads);
  const [starting, setStarting] = useState(false);
  const { me, nameOf } = useNameOf(props.snapshot);
  const card = (thread: DiscussionThread) => (
    <li key={thread.id}>
      <ThreadCard
        communityId={props.id}
        thread={thread}
        startedBy={
          thread.createdBy === me
            ? t('list.startedByYou')
            : t('list.startedBy', { name: nameOf(thread.createdBy) })
        }
      />
    </li>
  );

  return (
    <section aria-labelledby="discussions-title">
      <h2 id="discussions-title">{t('list.title')}</h2>
      {starting ? (
        <NewThreadForm id={props.id} onCancel={() => setStarting(false)} />
      ) : (
        <p>
          <button
            type="button"
            data-testid="thread-new"
            disabled={props.readOnly}
            onClick={() => setStarting(true)}
          >
            {t('list.start')}
          </button>
        </p>
      )}
      {threads.length === 0 ? (
        <p className="empty-state" data-testid="threads-empty">
          {t('list.empty')}
        </p>
      ) : open.length === 0 ? (
        <p className="muted">{t('list.noneOpen')}</p>
      ) : (
        <ul className="card-list" data-testid="thread-list">
          {open.map(card)}
        </ul>
      )}
      {archived.length > 0 ? (
        <details className="threads-archived">
          <summary data-testid="threads-archived">
            {t('list.archived')} ({archived.length})
          </summary>
          <ul className="card-list card-list-past">{archived.map(card)}</ul>
        </details>
      ) : null}
    </section>
  );
}

function ThreadCard(props: {
  readonly communityId: CommunityId;
  readonly thread: DiscussionThread;
  readonly startedBy: string;
}) {
  const t = useMessages(discussionMessages);
  const { language } = useI18n();
  const { thread } = props;
  return (
    <article className="card" data-testid="thread-card">
      <h3 className="card-title">
        <a
          className="thread-card-link"
          data-testid="thread-link"
          href={paths.thread(props.communityId, thread.id)}
        >
          {thread.title}
        </a>
      </h3>
      <p className="card-meta">
        <span data-testid="thread-replies">{repliesText(t, thread)}</span>
        <span>{props.startedBy}</span>
        {thread.archived ? <span className="thread-badge">{t('list.archivedBadge')}</span> : null}
      </p>
      <p className="card-meta">
        <span data-testid="thread-activity">
          {t('list.lastActivity', { date: formatStamp(thread.lastActivity, language) })}
        </span>
      </p>
    </article>
  );
}
