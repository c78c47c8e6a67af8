import { type CommunityId, type DomainError, LIMITS, type SharedItem } from '@ensemble/shared';
import { type FormEvent, useState } from 'react';
import { useServices } from '../../../app/services';
import { useMessages } from '../../../i18n/featureMessages';
import { placeError, useErrorMessages } from '../../domainErrors';
import { Field } from '../../Field';
import { focusField } from '../CreateCommunityScreen';
import { parseTags } from './itemView';
import { itemMessages } from './messages';

const FIELDS = ['title', 'description', 'tags'] as const;

/** [ITM4] The owner edits the title, description and tags; nothing is written if refused. */
export function ItemEditForm(props: {
  readonly id: CommunityId;
  readonly item: SharedItem;
  readonly onDone: () => void;
}) {
  const t = useMessages(itemMessages);
  const errorT = useErrorMessages();
  const { repository } = useServices();
  const { item } = props;
  const [title, setTitle] = useState(item.title);
  const [description, setDescription] = useState(item.description);
  const [tags, setTags] = useState(item.tags.join(', '));
  const [error, setError] = useState<DomainError>();
  const placed = placeError(errorT, error, FIELDS);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = repository.change(props.id, {
      type: 'updateItem',
      itemId: item.id,
      title,
      description,
      tags: parseTags(tags),
    });
    if (result.ok) {
      props.onDone();
      return;
    }
    setError(result.error);
    focusField(`item-edit-${result.error.field ?? 'title'}`);
  }

  return (
    <form
      className="form item-section"
      noValidate
      onSubmit={submit}
      aria-labelledby="item-edit-heading"
    >
      <h2 id="item-edit-heading">{t('edit.open')}</h2>
      <Field
        id="item-edit-title"
        testId="item-edit-title"
        label={t('new.itemTitle')}
        value={title}
        onChange={setTitle}
        error={placed.byField.title}
        maxLength={LIMITS.itemTitle}
      />
      <Field
        id="item-edit-description"
        testId="item-edit-description"
        label={t('new.description')}
        value={description}
        onChange={setDescription}
        error={placed.byField.description}
        optional
        multiline
        maxLength={LIMITS.description}
      />
      <Field
        id="item-edit-tags"
        testId="item-edit-tags"
        label={t('new.tags')}
        hint={t('new.tagsHint')}
        value={tags}
        onChange={setTags}
        error={placed.byField.tags}
        optional
      />
      {placed.general ? (
        <p className="form-error" role="alert">
          {placed.general}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" data-testid="item-edit-save">
          {t('edit.save')}
        </button>
        <button type="button" className="button-secondary" onClick={props.onDone}>
          {t('edit.cancel')}
        </button>
      </div>
    </form>
  );
}
