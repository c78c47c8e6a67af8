import type { CommunityId } from '@ensemble/shared';
import { useRef, useState } from 'react';
import { useCommunityAccess } from '../../app/hooks';
import { useI18n } from '../../i18n/I18nProvider';
import { shareUrl } from '../../router/routes';

type CopyState = 'idle' | 'copied' | 'failed';

export function ShareLink(props: { id: CommunityId }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');
  const access = useCommunityAccess(props.id);
  // Only a device that holds the capability can invite others.
  if (!access || access.readOnly) return null;
  const url = shareUrl(window.location.origin, props.id, access.capability);

  async function copyLink() {
    input.current?.select();
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(url);
      setCopy('copied');
    } catch {
      // Without the async clipboard (plain HTTP), fall back to the selection.
      setCopy(document.execCommand?.('copy') ? 'copied' : 'failed');
    }
  }

  return (
    <section className="share" aria-labelledby="share-title">
      <h2 id="share-title" className="visually-hidden">
        {t('community.share')}
      </h2>
      <div className="field">
        <label htmlFor="share-link">{t('community.share')}</label>
        <p className="field-hint" id="share-link-hint">
          {t('community.shareHint')}
        </p>
        <div className="share-row">
          <input
            id="share-link"
            data-testid="share-link"
            type="text"
            readOnly
            value={url}
            aria-describedby="share-link-hint"
            onFocus={(event) => event.target.select()}
            ref={input}
          />
          <button type="button" className="button-secondary" onClick={copyLink}>
            {t('community.copy')}
          </button>
        </div>
        <p className="share-status" aria-live="polite">
          {copy === 'copied'
            ? t('community.copied')
            : copy === 'failed'
              ? t('community.copyFailed')
              : ''}
        </p>
      </div>
    </section>
  );
}
