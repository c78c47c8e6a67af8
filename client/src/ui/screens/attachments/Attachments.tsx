import {
  type AttachmentTarget,
  type CommunityId,
  type MemberId,
  readAttachments,
} from '@ensemble/shared';
import { type ChangeEvent, useEffect, useId, useMemo, useState } from 'react';
import { useCommunity } from '../../../app/hooks';
import { useServices } from '../../../app/services';
import { attachmentServiceOf } from '../../../blobs/attachmentsLoader';
import type { AttachError } from '../../../blobs/fileRules';
import { useMessages } from '../../../i18n/featureMessages';
import { AttachmentTile } from './AttachmentTile';
import { attachmentMessages } from './messages';
import './attachments.css';

interface UploadState {
  readonly waiting: ReadonlySet<string>;
  readonly refused: ReadonlyMap<string, string>;
}
const NO_STATE: UploadState = { waiting: new Set(), refused: new Map() };
const ACCEPT =
  'image/jpeg,image/png,image/webp,image/gif,image/avif,.pdf,.txt,.csv,.md,.odt,.ods,.odp,.docx,.xlsx,.pptx';

/**
 * [ATT1] [ATT6] The photos and files of an item or a post: shown from the device (or
 * fetched from the relay), a placeholder while one is missing; members add their own.
 */
export function Attachments(props: {
  readonly id: CommunityId;
  readonly target: AttachmentTarget;
  readonly me: MemberId;
  readonly canAdd: boolean;
  readonly moderator: boolean;
  /** Inside a comment: no heading, a smaller button, nothing when empty and not addable. */
  readonly compact?: boolean;
}) {
  const t = useMessages(attachmentMessages);
  const services = useServices();
  const { repository } = services;
  const service = attachmentServiceOf(services);
  const view = useCommunity(props.id);
  const inputId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AttachError>();
  const [uploads, setUploads] = useState<UploadState>(NO_STATE);
  const { kind } = props.target;
  const key =
    kind === 'item'
      ? props.target.itemId
      : kind === 'event'
        ? props.target.eventId
        : props.target.postId;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the target is named by kind and key
  const list = useMemo(
    () => (view.status === 'ready' ? readAttachments(view.document, props.target) : []),
    [view, kind, key],
  );

  useEffect(() => {
    let stopped = false;
    const refresh = () =>
      void service
        .uploadState(props.id)
        .then((state) => {
          if (!stopped) setUploads(state);
        })
        .catch(() => undefined);
    const unsubscribe = service.uploads.subscribe(refresh);
    refresh();
    // Blobs added earlier (offline, before a reload) go now if they can.
    void service.drain(props.id);
    return () => {
      stopped = true;
      unsubscribe();
    };
  }, [service, props.id]);

  async function add(event: ChangeEvent<HTMLInputElement>) {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    if (files.length === 0) return;
    setBusy(true);
    setError(undefined);
    try {
      for (const file of files) {
        const added = await service.attach(props.id, props.target, file);
        if (!added.ok) {
          setError(added.error);
          break;
        }
      }
    } finally {
      setBusy(false);
    }
  }

  if (props.compact && list.length === 0 && !props.canAdd) return null;
  const errorId = `${inputId}-error`;
  return (
    <section
      className={props.compact ? 'attachments attachments-compact' : 'attachments item-section'}
      aria-label={props.compact ? t('title') : undefined}
      aria-labelledby={props.compact ? undefined : `${inputId}-title`}
      data-testid="attachments"
    >
      {props.compact ? null : <h2 id={`${inputId}-title`}>{t('title')}</h2>}
      {list.length > 0 ? (
        <ul className="attachment-list">
          {list.map((attachment) => (
            <AttachmentTile
              key={attachment.id}
              id={props.id}
              attachment={attachment}
              waiting={uploads.waiting.has(attachment.blob.hash)}
              refusal={uploads.refused.get(attachment.blob.hash)}
              canRemove={props.canAdd && (attachment.addedBy === props.me || props.moderator)}
              onRemove={() =>
                repository.change(props.id, {
                  type: 'removeAttachment',
                  attachmentId: attachment.id,
                })
              }
            />
          ))}
        </ul>
      ) : null}
      {props.canAdd ? (
        <p className="attachment-add">
          <label htmlFor={inputId} className="button-secondary attachment-add-button">
            {busy ? t('adding') : props.compact ? t('addShort') : t('add')}
          </label>
          <input
            id={inputId}
            className="visually-hidden-file"
            data-testid="attachment-input"
            type="file"
            accept={ACCEPT}
            multiple
            disabled={busy}
            aria-describedby={error ? errorId : undefined}
            onChange={(event) => void add(event)}
          />
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error" role="alert" data-testid="attachment-error">
          {t(`error.${error}`)}
        </p>
      ) : null}
    </section>
  );
}
