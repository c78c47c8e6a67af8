import { lazy, Suspense, useId, useState } from 'react';
import { useMessages } from '../../i18n/featureMessages';
import { Loading } from '../Loading';
import { joinQrMessages } from './messages';
import './qr.css';

const JoinQrReader = lazy(() =>
  import('./JoinQrReader').then((module) => ({ default: module.JoinQrReader })),
);

/** "Join with a QR code": opens the scanner below the button (the camera starts at once). */
export function JoinByQr() {
  const t = useMessages(joinQrMessages);
  const panelId = useId();
  const [open, setOpen] = useState(false);
  return (
    <div className="join-qr">
      <button
        type="button"
        className="button-secondary"
        data-testid="join-qr-open"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        {t('open')}
      </button>
      <div id={panelId}>
        {open ? (
          <Suspense fallback={<Loading />}>
            <JoinQrReader />
          </Suspense>
        ) : null}
      </div>
    </div>
  );
}
