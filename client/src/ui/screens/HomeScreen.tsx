import { useMyCommunities, useStore } from '../../app/hooks';
import { useServices } from '../../app/services';
import { useI18n } from '../../i18n/I18nProvider';
import { InstallHint } from '../../pwa/InstallHint';
import { paths } from '../../router/routes';
import { formatShortDate } from '../../time/datetime';
import { optionalPart } from '../optionalPart';
import { LazyJoinByQr as JoinByQr } from '../qr/LazyJoinByQr';
import { useDocumentTitle } from '../useDocumentTitle';
import { LazyFileTransfer as FileTransfer } from './LazyFileTransfer';

// What changed in each community since this device last looked (kept up to date in the
// background while shown): its code and messages load on demand; the line appears in the
// card once they are there.
const ActivityLine = optionalPart(() =>
  import('./home/ActivityLine').then((module) => module.ActivityLine),
);

// First start (no display name yet): a welcome asking for one, loaded only then.
const Welcome = optionalPart(() => import('./home/Welcome').then((module) => module.Welcome));

export function HomeScreen() {
  const { t, language } = useI18n();
  const communities = useMyCommunities();
  const displayName = useStore(useServices().displayName);
  useDocumentTitle(t('home.title'));
  return (
    <>
      <h1 tabIndex={-1}>{t('home.title')}</h1>
      {displayName ? null : <Welcome />}
      {communities === undefined ? null : communities.length === 0 ? (
        <section className="empty-state" aria-labelledby="empty-title">
          <h2 id="empty-title">{t('home.empty.title')}</h2>
          <p>{t('home.empty.body')}</p>
        </section>
      ) : (
        <ul className="card-list">
          {communities.map((community) => (
            <li key={community.id}>
              <a
                className="card card-link"
                data-testid="community-item"
                href={paths.community(community.id)}
              >
                <span className="card-title">{community.name}</span>
                <span className="card-meta">
                  {community.city ? <span>{community.city}</span> : null}
                  <span>
                    {t('home.lastOpened', {
                      date: formatShortDate(community.lastOpenedAt, language),
                    })}
                  </span>
                </span>
                <ActivityLine id={community.id} />
              </a>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a className="button" data-testid="create-community" href={paths.newCommunity()}>
          {t('home.create')}
        </a>
      </p>
      <JoinByQr />
      <FileTransfer />
      <InstallHint />
    </>
  );
}
