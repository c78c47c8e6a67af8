import { useId, useState } from 'react';
import { useMessages } from '../../../i18n/featureMessages';
import type { EncodedPairingCode } from '../../../sync/webrtc/pairingCode';
import { QrCode } from '../../qr/QrCode';
import { pairMessages } from './messages';

/** A pairing code to read from this screen: its QR codes (numbered) and its text. */
export function CodeDisplay(props: { code: EncodedPairingCode; title: string; testId: string }) {
  const t = useMessages(pairMessages);
  const headingId = useId();
  const [copied, setCopied] = useState(false);
  const count = props.code.parts.length;
  const copy = () => {
    navigator.clipboard
      ?.writeText(props.code.text)
      .then(() => setCopied(true))
      .catch(() => setCopied(false));
  };
  return (
    <section className="pair-code" aria-labelledby={headingId} data-testid={props.testId}>
      <h2 id={headingId}>{props.title}</h2>
      {count > 1 ? <p className="field-hint">{t('severalCodes', { count })}</p> : null}
      <div className="qr-list">
        {props.code.parts.map((part, i) => (
          <QrCode
            key={part}
            value={part}
            label={t('qrLabel', { index: i + 1, count })}
            testId={`${props.testId}-qr`}
          />
        ))}
      </div>
      <label className="field">
        <span>{t('textFallback')}</span>
        <textarea readOnly rows={4} value={props.code.text} data-testid={`${props.testId}-text`} />
      </label>
      <button type="button" className="button-secondary" onClick={copy}>
        {copied ? t('copied') : t('copy')}
      </button>
    </section>
  );
}
