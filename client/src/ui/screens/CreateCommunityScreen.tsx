import { type DomainError, LIMITS } from '@ensemble/shared';
import { type FormEvent, useState } from 'react';
import { COMMUNITY_LINK } from '../../app/Membership';
import { useServices } from '../../app/services';
import { useMessages } from '../../i18n/featureMessages';
import { useI18n } from '../../i18n/I18nProvider';
import { paths } from '../../router/routes';
import { navigate } from '../../router/useRoute';
import { placeError, useErrorMessages } from '../domainErrors';
import { Field } from '../Field';
import { useDocumentTitle } from '../useDocumentTitle';
import { createCommunityMessages } from './createCommunityMessages';
import { membersMessages } from './members/messages';

const FIELDS = ['name', 'description', 'city'] as const;

export function CreateCommunityScreen() {
  const { t: shell } = useI18n();
  const t = useMessages(createCommunityMessages);
  const errorT = useErrorMessages();
  const m = useMessages(membersMessages);
  const { repository, membership, displayName } = useServices();
  const withKeys = repository.keys !== undefined;
  const [founderName, setFounderName] = useState(() => displayName.get());
  const [founderError, setFounderError] = useState<string>();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [city, setCity] = useState('');
  const [error, setError] = useState<DomainError>();
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('create.title'));
  const placed = placeError(errorT, error, FIELDS);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (withKeys && !founderName.trim()) {
      setFounderError(m('founder.required'));
      focusField('founder-name');
      return;
    }
    setFounderError(undefined);
    setBusy(true);
    const result = await repository.createCommunity({ name, description, city, founderName });
    if (result.ok) {
      if (withKeys) {
        displayName.save(founderName);
        // The link to share at once: many uses, this founder as the sponsor.
        await membership.createInvite(result.value, COMMUNITY_LINK);
      }
      setBusy(false);
      navigate(paths.community(result.value), { replace: true });
      return;
    }
    setBusy(false);
    setError(result.error);
    focusField(`community-${result.error.field ?? 'name'}`);
  }

  return (
    <>
      <h1 tabIndex={-1}>{t('create.title')}</h1>
      <p className="lead">{t('create.intro')}</p>
      <form className="form" noValidate onSubmit={submit}>
        {withKeys ? (
          <Field
            id="founder-name"
            testId="founder-name"
            label={m('founder.label')}
            hint={m('founder.hint')}
            value={founderName}
            onChange={setFounderName}
            error={founderError}
            maxLength={LIMITS.displayName}
            autoComplete="name"
          />
        ) : (
          <p className="banner banner-info">{m('founder.noKeys')}</p>
        )}
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
            {shell('common.cancel')}
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
