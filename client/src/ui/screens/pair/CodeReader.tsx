import { useCallback, useId, useRef, useState } from 'react';
import { useMessages } from '../../../i18n/featureMessages';
import {
  type PairingCodeError,
  parsePairingPart,
  splitPastedCode,
} from '../../../sync/webrtc/pairingCode';
import { QrInput } from '../../qr/QrInput';
import { pairMessages } from './messages';
import { pairingErrorMessage } from './pairErrors';

/**
 * Reads a pairing code: its QR codes from the camera or from images (in any order; a
 * part of another code starts over), or its pasted text. `onCode` gets the parts once
 * they are all there and answers with an error to show, if any.
 */
export function CodeReader(props: {
  title: string;
  testId: string;
  onCode: (parts: readonly string[]) => Promise<PairingCodeError | undefined>;
}) {
  const t = useMessages(pairMessages);
  const headingId = useId();
  const [camera, setCamera] = useState(false);
  const [pasted, setPasted] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [progress, setProgress] = useState<{ read: number; total: number } | undefined>();
  const parts = useRef(new Map<number, string>());
  const tag = useRef<string | undefined>(undefined);
  const { onCode } = props;

  const submit = useCallback(
    async (texts: readonly string[]) => {
      const error = await onCode(texts);
      setProblem(error ? pairingErrorMessage(error, t) : undefined);
      if (error) {
        parts.current.clear();
        setProgress(undefined);
      }
    },
    [onCode, t],
  );

  const addPart = useCallback(
    (text: string) => {
      const parsed = parsePairingPart(text);
      if (!parsed.ok) {
        setProblem(pairingErrorMessage(parsed.error, t));
        return;
      }
      const part = parsed.value;
      if (part.tag !== tag.current) {
        tag.current = part.tag;
        parts.current.clear();
      }
      parts.current.set(part.index, text.trim());
      setProblem(undefined);
      setProgress({ read: parts.current.size, total: part.count });
      if (parts.current.size === part.count) {
        setCamera(false);
        submit([...parts.current.values()]).catch(() => undefined);
      }
    },
    [submit, t],
  );

  return (
    <section className="pair-reader" aria-labelledby={headingId} data-testid={props.testId}>
      <h2 id={headingId}>{props.title}</h2>
      <QrInput
        labels={{
          camera: t('camera'),
          image: t('image'),
          video: t('cameraVideo'),
          stop: t('cameraStop'),
          unavailable: t('cameraUnavailable'),
        }}
        camera={camera}
        onCamera={setCamera}
        onText={addPart}
        onNoCode={() => setProblem(t('noQrInImage'))}
        imageTestId={`${props.testId}-image`}
        multiple
      />
      {progress && progress.total > 1 ? (
        <p aria-live="polite" data-testid={`${props.testId}-progress`}>
          {t('progress', progress)}
        </p>
      ) : null}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit(splitPastedCode(pasted)).catch(() => undefined);
        }}
      >
        <label className="field">
          <span>{t('pasteLabel')}</span>
          <textarea
            rows={3}
            value={pasted}
            onChange={(event) => setPasted(event.currentTarget.value)}
            data-testid={`${props.testId}-paste`}
          />
        </label>
        <button type="submit" className="button-secondary" disabled={pasted.trim() === ''}>
          {t('pasteSubmit')}
        </button>
      </form>
      {problem ? (
        <p role="alert" className="share-status error" data-testid="pair-error">
          {problem}
        </p>
      ) : null}
    </section>
  );
}
