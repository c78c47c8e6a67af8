import { type CommunityId, type DomainError, ItemKind, LIMITS } from '@ensemble/shared';
import { type FormEvent, useState } from 'react';
import { useServices } from '../../../app/services';
import { useMessages } from '../../../i18n/featureMessages';
import { useI18n } from '../../../i18n/I18nProvider';
import { paths } from '../../../router/routes';
import { navigate } from '../../../router/useRoute';
import { placeError, useErrorMessages } from '../../domainErrors';
import { Field } from '../../Field';
import { useDocumentTitle } from '../../useDocumentTitle';
import { focusField } from '../CreateCommunityScreen';
import { ReadOnlyBanner } from '../ReadOnlyBanner';
import { kindLabel } from './itemLabels';
import { answerTo, clearAnswerTo, parseTags } from './itemView';
import { itemMessages } from './messages';
import { useItem } from './useItems';
import './items.css';

const FIELDS = ['kind', 'title', 'description', 'tags'] as const;
const KINDS: readonly ItemKind[] = [ItemKind.request, ItemKind.offer, ItemKind.lend];

/** Posts an offer (a gift), a request or a loan; it may answer a request. */
export function NewItemScreen(props: { id: CommunityId }) {
  const t = useMessages(itemMessages);
  const shell = useI18n().t;
  const errorT = useErrorMessages();
  const { repository } = useServices();
  const [answering, setAnswering] = useState(() => answerTo(props.id));
  // The request this one answers, if any (it may have reached this device or not).
  const { view, item: request } = useItem(props.id, answering ?? '');
  const ready = view.status === 'ready';
  const readOnly = ready && view.access.mode === 'read-only';
  const [kind, setKind] = useState<ItemKind>(answering ? ItemKind.lend : ItemKind.request);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [tags, setTags] = useState('');
  const [error, setError] = useState<DomainError>();
  useDocumentTitle(t('new.title'));
  const placed = placeError(errorT, error, FIELDS);

  /** Typing in a field clears the message about it. */
  const edit = (field: string, set: (value: string) => void) => (value: string) => {
    set(value);
    if (error?.field === field) setError(undefined);
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = repository.change(props.id, {
      type: 'postItem',
      kind,
      title,
      description,
      tags: parseTags(tags),
    });
    if (!result.ok) {
      setError(result.error);
      focusField(`item-${result.error.field ?? 'title'}`);
      return;
    }
    if (result.value.type !== 'item') throw new Error('unexpected change outcome');
    const itemId = result.value.itemId;
    if (request) {
      // The request's author hears of it where they look: on their request's page.
      repository.change(props.id, {
        type: 'addComment',
        target: { kind: 'item', itemId: request.id },
        text: t('new.answerComment', { title: title.trim(), kind: kindLabel(t, kind) }),
      });
    }
    clearAnswerTo(props.id);
    navigate(paths.item(props.id, itemId), { replace: true });
  }

  function dropAnswer() {
    clearAnswerTo(props.id);
    setAnswering(undefined);
  }

  return (
    <>
      <p className="back-link">
        <a href={paths.community(props.id, 'items')}>
          ← {shell('common.backTo', { name: ready ? view.snapshot.profile.name : '…' })}
        </a>
      </p>
      <h1 tabIndex={-1}>{t('new.title')}</h1>
      {ready && view.access.mode === 'read-only' ? (
        <ReadOnlyBanner schemaVersion={view.access.schemaVersion} />
      ) : null}
      {view.status === 'waiting' ? (
        <p className="muted">{shell('community.loadingRelay')}</p>
      ) : null}
      {request ? (
        <div className="banner banner-info item-answering" data-testid="item-answering">
          <p>{t('new.answering', { title: request.title })}</p>
          <button type="button" className="button-secondary" onClick={dropAnswer}>
            {t('new.dropAnswer')}
          </button>
        </div>
      ) : null}
      <form className="form" noValidate onSubmit={submit}>
        <fieldset disabled={!ready || readOnly}>
          <fieldset className="kind-choice" id="item-kind" tabIndex={-1}>
            <legend>{t('new.kind')}</legend>
            {KINDS.map((choice) => (
              <label key={choice} className="kind-option">
                <input
                  type="radio"
                  name="item-kind"
                  value={choice}
                  data-testid={`item-kind-${choice}`}
                  checked={kind === choice}
                  onChange={() => setKind(choice)}
                />
                <span>
                  <strong>{kindLabel(t, choice)}</strong>
                  <span className="kind-hint">{t(`kind.${choice}.hint`)}</span>
                </span>
              </label>
            ))}
            {placed.byField.kind ? <p className="field-error">{placed.byField.kind}</p> : null}
          </fieldset>
          <Field
            id="item-title"
            testId="item-title"
            label={t('new.itemTitle')}
            hint={t(`new.titleHint.${kind}`)}
            value={title}
            onChange={edit('title', setTitle)}
            error={placed.byField.title}
            maxLength={LIMITS.itemTitle}
          />
          <Field
            id="item-description"
            testId="item-description"
            label={t('new.description')}
            value={description}
            onChange={edit('description', setDescription)}
            error={placed.byField.description}
            optional
            multiline
            maxLength={LIMITS.description}
          />
          <Field
            id="item-tags"
            testId="item-tags"
            label={t('new.tags')}
            hint={t('new.tagsHint')}
            value={tags}
            onChange={edit('tags', setTags)}
            error={placed.byField.tags}
            optional
          />
          {placed.general ? (
            <p className="form-error" role="alert">
              {placed.general}
            </p>
          ) : null}
          <div className="form-actions">
            <button type="submit" data-testid="item-submit">
              {t('new.submit')}
            </button>
          </div>
        </fieldset>
      </form>
    </>
  );
}
