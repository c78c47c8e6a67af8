import { useI18n } from '../../i18n/I18nProvider';
import { paths } from '../../router/routes';
import { useDocumentTitle } from '../useDocumentTitle';

export function NotFoundScreen() {
  const { t } = useI18n();
  useDocumentTitle(t('notFound.title'));
  return (
    <>
      <h1 tabIndex={-1}>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <a className="button" href={paths.home()}>
          {t('notFound.home')}
        </a>
      </p>
    </>
  );
}
