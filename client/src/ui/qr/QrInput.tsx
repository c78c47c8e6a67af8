import type { ChangeEvent } from 'react';
import { QrScanner } from './QrScanner';
import { scanQrFromImage } from './scanQr';
import './qr.css';

export interface QrInputLabels {
  /** The button that starts the camera. */
  readonly camera: string;
  /** The button-like label of the photo picker. */
  readonly image: string;
  readonly video: string;
  readonly stop: string;
  readonly unavailable: string;
  /** Said instead of `unavailable` over plain HTTP, where browsers give no camera at all. */
  readonly insecure?: string;
}

/**
 * Where a QR code is read: the camera (BarcodeDetector, else jsQR on its frames) while
 * `camera` is on, and always a photo or screenshot of the code. Each text read goes to
 * `onText`; a photo with no readable code calls `onNoCode`. The caller decides what the
 * text means (an invite, a pairing code, an entry code).
 */
export function QrInput(props: {
  readonly labels: QrInputLabels;
  readonly camera: boolean;
  readonly onCamera: (on: boolean) => void;
  readonly onText: (text: string) => void;
  readonly onNoCode: () => void;
  readonly imageTestId: string;
  readonly cameraTestId?: string;
  /** Several photos at once (the parts of a long code). */
  readonly multiple?: boolean;
}) {
  const { labels, onText, onNoCode } = props;

  async function readImages(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const files = [...(input.files ?? [])];
    input.value = '';
    for (const file of files) {
      const text = await scanQrFromImage(file).catch(() => undefined);
      if (text) onText(text);
      else onNoCode();
    }
  }

  return (
    <>
      {props.camera ? (
        <QrScanner
          labels={{
            video: labels.video,
            stop: labels.stop,
            unavailable:
              window.isSecureContext || labels.insecure === undefined
                ? labels.unavailable
                : labels.insecure,
          }}
          onScan={onText}
          onStop={() => props.onCamera(false)}
        />
      ) : null}
      <div className="qr-input-actions">
        {props.camera ? null : (
          <button
            type="button"
            className="button-secondary"
            data-testid={props.cameraTestId}
            onClick={() => props.onCamera(true)}
          >
            {labels.camera}
          </button>
        )}
        <label className="button button-secondary file-pick">
          {labels.image}
          <input
            className="visually-hidden"
            type="file"
            accept="image/*"
            multiple={props.multiple}
            data-testid={props.imageTestId}
            onChange={(event) => {
              readImages(event).catch(onNoCode);
            }}
          />
        </label>
      </div>
    </>
  );
}
