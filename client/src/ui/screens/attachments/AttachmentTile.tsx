import { type Attachment, type CommunityId, isImageType } from '@ensemble/shared';
import { useMessages } from '../../../i18n/featureMessages';
import { attachmentMessages } from './messages';
import { useBlob } from './useBlob';

/** One attachment: the photo, or a link to open the file; a placeholder while it is missing. */
export function AttachmentTile(props: {
  readonly id: CommunityId;
  readonly attachment: Attachment;
  readonly canRemove: boolean;
  readonly waiting: boolean;
  readonly refusal: string | undefined;
  readonly onRemove: () => void;
}) {
  const t = useMessages(attachmentMessages);
  const { blob } = props.attachment;
  const image = isImageType(blob.type);
  const state = useBlob(props.id, blob.hash, blob.type);
  const ratio = blob.width && blob.height ? `${blob.width} / ${blob.height}` : undefined;
  return (
    <li className="attachment" data-testid="attachment" data-state={state.status}>
      {state.status === 'ready' ? (
        image ? (
          <img
            className="attachment-photo"
            data-testid="attachment-image"
            src={state.url}
            alt={t('photoAlt', { name: blob.name })}
            width={blob.width}
            height={blob.height}
          />
        ) : (
          <a href={state.url} download={blob.name} data-testid="attachment-file">
            {t('download', { name: blob.name })}
          </a>
        )
      ) : (
        <div
          className="attachment-placeholder"
          data-testid="attachment-placeholder"
          style={image && ratio ? { aspectRatio: ratio } : undefined}
        >
          <span>
            {state.status === 'loading'
              ? t('loading')
              : state.status === 'damaged'
                ? t('damaged')
                : image
                  ? t('missingPhoto')
                  : t('missingFile')}
          </span>
          <span className="muted small">{blob.name}</span>
        </div>
      )}
      {props.refusal ? (
        <p className="attachment-note" role="status" data-testid="attachment-refused">
          {props.refusal === 'too-large' || props.refusal === 'quota-exceeded'
            ? t(`relay.${props.refusal}`)
            : t('relay.other')}
        </p>
      ) : props.waiting ? (
        <p className="attachment-note muted small" data-testid="attachment-waiting">
          {t('waiting')}
        </p>
      ) : null}
      {props.canRemove ? (
        <button
          type="button"
          className="button-secondary attachment-remove"
          aria-label={t('removeLabel', { name: blob.name })}
          onClick={props.onRemove}
        >
          {t('remove')}
        </button>
      ) : null}
    </li>
  );
}
