import { assertNever } from '@ensemble/shared';
import { useCallback, useId, useState } from 'react';
import { type FeatureTranslate, useMessages } from '../../i18n/featureMessages';
import { JoinLinkProblem, readJoinLink } from './joinLink';
import { joinQrMessages } from './messages';
import { QrInput } from './QrInput';

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

  return (
    <section className="join-qr-reader" aria-labelledby={headingId} data-testid="join-qr-reader">
      <h2 id={headingId}>{t('title')}</h2>
      <p className="field-hint">{t('intro')}</p>
      <QrInput
        labels={{
          camera: t('camera'),
          image: t('image'),
          video: t('cameraVideo'),
          stop: t('cameraStop'),
          unavailable: t('cameraUnavailable'),
          insecure: t('cameraInsecure'),
        }}
        camera={camera}
        onCamera={setCamera}
        onText={accept}
        onNoCode={() => setProblem(t('noQrInImage'))}
        imageTestId="join-qr-image"
      />
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
