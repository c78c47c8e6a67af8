import type { CommunityChange, CommunityId, DomainError } from '@ensemble/shared';
import { useState } from 'react';
import { useServices } from '../../../app/services';
import { useMessages } from '../../../i18n/featureMessages';
import { useI18n } from '../../../i18n/I18nProvider';
import { CommunityTab, paths } from '../../../router/routes';
import { domainErrorMessage, useErrorMessages } from '../../domainErrors';
import { useDocumentTitle } from '../../useDocumentTitle';
import { PostEntry } from '../comments/PostEntry';
import { useNameOf } from '../comments/useNameOf';
import { ReadOnlyBanner } from '../ReadOnlyBanner';
import { RelayRefusalBanner } from '../RelayRefusalBanner';
import { discussionMessages } from './messages';
import { ReplyForm } from './ReplyForm';
import { canArchive, formatStamp, isModerator } from './threadView';
import { useThread } from './useThreads';
import './discussions.css';

/** [DSC1-5] A thread: its posts in order, a reply, one's own edits and deletions, archiving. */
export function ThreadScreen(props: { id: CommunityId; threadId: string }) {
  const t = useMessages(discussionMessages);
  const { t: shell, language } = useI18n();
  const errorT = useErrorMessages();
  const { repository } = useServices();
  const { view, thread } = useThread(props.id, props.threadId);
  const snapshot = view.status === 'ready' ? view.snapshot : undefined;
  const { me, nameOf } = useNameOf(snapshot);
  const [error, setError] = useState<DomainError>();
  useDocumentTitle(thread?.thread.title ?? shell('community.loadingTitle'));

  const back = (
    <p className="back-link">
      <a href={paths.community(props.id, CommunityTab.discussions)}>
        ← {shell('common.backTo', { name: snapshot?.profile.name ?? '…' })}
      </a>
    </p>
  );
  if (view.status !== 'ready') {
    return (
      <>
        {back}
        <h1 tabIndex={-1} data-testid="thread-loading">
          {shell('community.loadingTitle')}
        </h1>
        <RelayRefusalBanner id={props.id} />
      </>
    );
  }
  if (!thread) {
    return (
      <>
        {back}
        <h1 tabIndex={-1}>{t('thread.notFoundTitle')}</h1>
        <p>{t('thread.notFoundBody')}</p>
      </>
    );
  }

  const readOnly = view.access.mode === 'read-only';
  const info = thread.thread;
  const apply = (change: CommunityChange): DomainError | undefined => {
    const result = repository.change(props.id, change);
    return result.ok ? undefined : result.error;
  };
  const count = thread.posts.length;

  return (
    <>
      {back}
      <h1 tabIndex={-1} data-testid="thread-title-heading">
        {info.title}
      </h1>
      <RelayRefusalBanner id={props.id} />
      {view.access.mode === 'read-only' ? (
        <ReadOnlyBanner schemaVersion={view.access.schemaVersion} />
      ) : null}
      <p className="muted">
        {info.createdBy === me
          ? t('list.startedByYou')
          : t('list.startedBy', { name: nameOf(info.createdBy) })}
        {' · '}
        {t(count === 1 ? 'thread.meta.one' : 'thread.meta.other', { count })}
      </p>
      {info.archived ? (
        <p className="banner banner-info" role="status" data-testid="thread-archived">
          {t('thread.archivedNotice')}
        </p>
      ) : null}

      <section className="comments-section" aria-labelledby="thread-posts-title">
        <h2 id="thread-posts-title" className="visually-hidden">
          {t('thread.posts')}
        </h2>
        <ol className="comments thread-posts">
          {thread.posts.map((post) => (
            <PostEntry
              key={post.id}
              post={post}
              prefix="post"
              mine={post.author === me}
              moderator={isModerator(view.snapshot, me)}
              author={nameOf(post.author)}
              time={formatStamp(post.createdAt, language)}
              disabled={readOnly}
              apply={apply}
            />
          ))}
        </ol>
        {info.archived ? null : (
          <ReplyForm id={props.id} threadId={info.id} disabled={readOnly} apply={apply} />
        )}
      </section>

      {canArchive(view.snapshot, info, me) ? (
        <p>
          <button
            type="button"
            className="button-secondary"
            data-testid="thread-archive"
            disabled={readOnly}
            onClick={() =>
              setError(
                apply({ type: 'setThreadArchived', threadId: info.id, archived: !info.archived }),
              )
            }
          >
            {info.archived ? t('thread.restore') : t('thread.archive')}
          </button>
        </p>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {domainErrorMessage(errorT, error)}
        </p>
      ) : null}
    </>
  );
}
