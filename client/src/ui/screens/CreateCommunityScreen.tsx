import { type DomainError, LIMITS } from '@ensemble/shared';
import { type FormEvent, useState } from 'react';
import { useServices } from '../../app/services';
import { useI18n } from '../../i18n/I18nProvider';
import { paths } from '../../router/routes';
import { navigate } from '../../router/useRoute';
import { placeError } from '../domainErrors';
import { Field } from '../Field';
import { useDocumentTitle } from '../useDocumentTitle';

const FIELDS = ['name', 'description', 'city'] as const;

export function CreateCommunityScreen() {
  const { t } = useI18n();
  const { repository } = useServices();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [city, setCity] = useState('');
  const [error, setError] = useState<DomainError>();
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('create.title'));
  const placed = placeError(t, error, FIELDS);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    const result = await repository.createCommunity({ name, description, city });
    setBusy(false);
    if (result.ok) {
      navigate(paths.community(result.value), { replace: true });
      return;
    }
    setError(result.error);
    focusField(`community-${result.error.field ?? 'name'}`);
  }

  return (
    <>
      <h1 tabIndex={-1}>{t('create.title')}</h1>
      <p className="lead">{t('create.intro')}</p>
      <form className="form" noValidate onSubmit={submit}>
        <Field
          id="community-name"
          testId="community-name"
          label={t('field.name')}
          value={name}
          onChange={setName}
          error={placed.byField.name}
          maxLength={LIMITS.communityName}
        />
        <Field
          id="community-description"
          testId="community-description"
          label={t('field.description')}
          value={description}
          onChange={setDescription}
          error={placed.byField.description}
          optional
          multiline
          maxLength={LIMITS.description}
        />
        <Field
          id="community-city"
          testId="community-city"
          label={t('field.city')}
          value={city}
          onChange={setCity}
          error={placed.byField.city}
          optional
          maxLength={LIMITS.city}
          autoComplete="address-level2"
        />
        {placed.general ? (
          <p className="form-error" role="alert">
            {placed.general}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" data-testid="create-community-submit" disabled={busy}>
            {t('create.submit')}
          </button>
          <a className="button button-secondary" href={paths.home()}>
            {t('common.cancel')}
          </a>
        </div>
      </form>
    </>
  );
}

export function focusField(id: string): void {
  // After React has rendered the error message, so that it is read with the field.
  setTimeout(() => document.getElementById(id)?.focus(), 0);
}
