import { useServices } from '../../../app/services';
import { useMessages } from '../../../i18n/featureMessages';
import { DisplayNameForm } from '../event/DisplayNameForm';
import { welcomeMessages } from './welcomeMessages';
import './home.css';

/**
 * Onboarding, on the home of a device that has no display name yet: the name others
 * will see, and what identifies this person (the device's key pair, made at first start).
 * Gone once a name is saved (here, or when creating or joining a community).
 */
export function Welcome() {
  const t = useMessages(welcomeMessages);
  // WebCrypto (and so the device's key pair) exists only in secure contexts.
  const { secureContext } = useServices();
  return (
    <section className="card welcome" aria-labelledby="welcome-title" data-testid="welcome">
      <h2 id="welcome-title">{t('welcome.title')}</h2>
      <p>{t('welcome.body')}</p>
      <DisplayNameForm id="welcome-name" autoFocus={false} onSaved={() => undefined} />
      <p className="muted small" data-testid="welcome-keys">
        {secureContext ? t('welcome.keys') : t('welcome.noKeys')}
      </p>
    </section>
  );
}
