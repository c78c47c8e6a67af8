import type { CommunityId } from '@ensemble/shared';
import { useCallback, useEffect, useState } from 'react';
import { useCommunity, useStore } from '../../../app/hooks';
import { useServices } from '../../../app/services';
import { useMessages } from '../../../i18n/featureMessages';
import { paths } from '../../../router/routes';
import type { EncodedPairingCode, PairingCodeError } from '../../../sync/webrtc/pairingCode';
import type { PairingPort, PairingState } from '../../../sync/webrtc/pairingPort';
import { useDocumentTitle } from '../../useDocumentTitle';
import { CodeDisplay } from './CodeDisplay';
import { CodeReader } from './CodeReader';
import { pairMessages } from './messages';
import { SyncPaths } from './SyncPaths';

type Step =
  | { readonly kind: 'choose' }
  | { readonly kind: 'preparing' }
  /** Device A: shows its offer, reads the answer. */
  | { readonly kind: 'offer'; readonly code: EncodedPairingCode }
  /** Device B: reads the offer, then shows its answer. */
  | { readonly kind: 'read-offer' }
  | { readonly kind: 'answer'; readonly code: EncodedPairingCode };

const idle = { get: (): PairingState => 'idle', subscribe: () => () => undefined };

/** Relay-less pairing with a nearby device (QR codes or text), and the community's sync paths. */
export function PairScreen(props: { id: CommunityId }) {
  const t = useMessages(pairMessages);
  const { repository } = useServices();
  useCommunity(props.id);
  useDocumentTitle(t('title'));
  const [pairing, setPairing] = useState<PairingPort | undefined>();
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const state = useStore(pairing?.state ?? idle);
  const supported = typeof RTCPeerConnection !== 'undefined';

  // Loads the WebRTC code with the screen, so that pairing works once the network is gone.
  useEffect(() => {
    let current: PairingPort | undefined;
    let left = false;
    repository
      .startPairing(props.id)
      .then((port) => {
        current = port;
        if (left) port?.cancel();
        else setPairing(port);
      })
      .catch(() => undefined);
    return () => {
      left = true;
      current?.cancel();
    };
  }, [repository, props.id]);

  const restart = () => {
    pairing?.cancel();
    setPairing(undefined);
    setStep({ kind: 'choose' });
    repository.startPairing(props.id).then(setPairing, () => undefined);
  };

  const showOffer = async () => {
    if (!pairing) return;
    setStep({ kind: 'preparing' });
    setStep({ kind: 'offer', code: await pairing.createOffer() });
  };

  const readOffer = useCallback(
    async (parts: readonly string[]): Promise<PairingCodeError | undefined> => {
      if (!pairing) return undefined;
      const answer = await pairing.answerOffer(parts);
      if (!answer.ok) return answer.error;
      setStep({ kind: 'answer', code: answer.value });
      return undefined;
    },
    [pairing],
  );

  const readAnswer = useCallback(
    async (parts: readonly string[]): Promise<PairingCodeError | undefined> => {
      if (!pairing) return undefined;
      const accepted = await pairing.acceptAnswer(parts);
      return accepted.ok ? undefined : accepted.error;
    },
    [pairing],
  );

  return (
    <div className="pair-screen">
      <p>
        <a href={paths.community(props.id)}>{t('back')}</a>
      </p>
      <h1 tabIndex={-1}>{t('title')}</h1>
      <p className="field-hint">{t('intro')}</p>
      {!supported ? <p role="alert">{t('unsupported')}</p> : null}
      <PairingStatus state={state} onRestart={restart} />
      {step.kind === 'choose' && supported ? (
        <div className="share-row">
          <button
            type="button"
            data-testid="pair-show-code"
            disabled={!pairing}
            onClick={() => {
              showOffer().catch(() => setStep({ kind: 'choose' }));
            }}
          >
            {t('showCode')}
          </button>
          <button
            type="button"
            className="button-secondary"
            data-testid="pair-read-code"
            disabled={!pairing}
            onClick={() => setStep({ kind: 'read-offer' })}
          >
            {t('readCode')}
          </button>
        </div>
      ) : null}
      {step.kind === 'preparing' ? <p aria-live="polite">{t('preparing')}</p> : null}
      {step.kind === 'offer' && state !== 'connected' ? (
        <>
          <CodeDisplay code={step.code} title={t('offerTitle')} testId="pair-offer" />
          <CodeReader
            title={t('readAnswerTitle')}
            testId="pair-answer-reader"
            onCode={readAnswer}
          />
        </>
      ) : null}
      {step.kind === 'read-offer' ? (
        <CodeReader title={t('readOfferTitle')} testId="pair-offer-reader" onCode={readOffer} />
      ) : null}
      {step.kind === 'answer' && state !== 'connected' ? (
        <>
          <CodeDisplay code={step.code} title={t('answerTitle')} testId="pair-answer" />
          <p aria-live="polite">{t('waitingOther')}</p>
        </>
      ) : null}
      <SyncPaths id={props.id} />
    </div>
  );
}

function PairingStatus(props: { state: PairingState; onRestart: () => void }) {
  const t = useMessages(pairMessages);
  const message =
    props.state === 'connecting'
      ? t('waitingConnection')
      : props.state === 'connected'
        ? t('connected')
        : props.state === 'failed' || props.state === 'closed'
          ? t('failed')
          : undefined;
  return (
    <div aria-live="polite" data-testid="pair-status" data-state={props.state}>
      {message ? <p>{message}</p> : null}
      {props.state === 'failed' || props.state === 'closed' ? (
        <button type="button" className="button-secondary" onClick={props.onRestart}>
          {t('restart')}
        </button>
      ) : null}
    </div>
  );
}
