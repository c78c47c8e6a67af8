import { assertNever } from '@ensemble/shared';
import { type ChangeEvent, useCallback, useId, useState } from 'react';
import { type FeatureTranslate, useMessages } from '../../i18n/featureMessages';
import { JoinLinkProblem, readJoinLink } from './joinLink';
import { joinQrMessages } from './messages';
import { QrScanner } from './QrScanner';
import { scanQrFromImage } from './scanQr';

type JoinQrKey = Parameters<FeatureTranslate<keyof typeof joinQrMessages.fr>>[0];

/**
 * Reads an invite QR code, from the camera (started at once) or from a photo, checks
 * that it is an Ensemble invite link, and opens it here: the join route keeps the
 * capability on this device, then shows the community and its join form.
 */
export function JoinQrReader() {
  const t = useMessages(joinQrMessages);
  const headingId = useId();
  const [camera, setCamera] = useState(true);
  const [problem, setProblem] = useState<string>();
  const [opening, setOpening] = useState(false);

  const accept = useCallback(
    (text: string) => {
      const link = readJoinLink(text);
      if (!link.ok) {
        setProblem(problemText(link.error, text, t));
        return;
      }
      setProblem(undefined);
      setOpening(true);
      setCamera(false);
      // The join screen replaces this history entry: the secret does not stay in "back".
      window.location.hash = link.value;
    },
    [t],
  );

  async function readImage(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const text = await scanQrFromImage(file).catch(() => undefined);
    if (text) accept(text);
    else setProblem(t('noQrInImage'));
  }

  return (
    <section className="join-qr-reader" aria-labelledby={headingId} data-testid="join-qr-reader">
      <h2 id={headingId}>{t('title')}</h2>
      <p className="field-hint">{t('intro')}</p>
      {camera ? (
        <QrScanner
          labels={{
            video: t('cameraVideo'),
            stop: t('cameraStop'),
            // Over plain HTTP (a laptop's LAN address) browsers give no camera at all.
            unavailable: window.isSecureContext ? t('cameraUnavailable') : t('cameraInsecure'),
          }}
          onScan={accept}
          onStop={() => setCamera(false)}
        />
      ) : null}
      <div className="join-qr-actions">
        {camera ? null : (
          <button type="button" className="button-secondary" onClick={() => setCamera(true)}>
            {t('camera')}
          </button>
        )}
        <label className="button button-secondary file-pick">
          {t('image')}
          <input
            className="visually-hidden"
            type="file"
            accept="image/*"
            data-testid="join-qr-image"
            onChange={(event) => {
              readImage(event).catch(() => setProblem(t('noQrInImage')));
            }}
          />
        </label>
      </div>
      {problem ? (
        <p role="alert" className="share-status error" data-testid="join-qr-error">
          {problem}
        </p>
      ) : null}
      {opening ? (
        <p role="status" className="share-status">
          {t('opening')}
        </p>
      ) : null}
    </section>
  );
}

function problemText(
  problem: JoinLinkProblem,
  text: string,
  t: FeatureTranslate<JoinQrKey>,
): string {
  switch (problem) {
    case JoinLinkProblem.pairingCode:
    case JoinLinkProblem.damagedInvite:
    case JoinLinkProblem.notALink:
      return t(`problem.${problem}`);
    case JoinLinkProblem.otherLink:
      return t('problem.other-link', { host: hostOf(text) });
    default:
      return assertNever(problem, 'join link problem');
  }
}

function hostOf(text: string): string {
  try {
    const url = new URL(text.trim());
    return url.host || url.protocol;
  } catch {
    return text.slice(0, 40);
  }
}
