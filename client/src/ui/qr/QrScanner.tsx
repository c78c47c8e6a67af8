import { useEffect, useRef, useState } from 'react';
import { scanQrFromImage } from './scanQr';
import './qr.css';

export interface QrScannerLabels {
  readonly video: string;
  readonly stop: string;
  readonly unavailable: string;
}

/**
 * The camera, scanning for QR codes until stopped; each new text read is passed to
 * `onScan`. Says so when there is no camera or it is refused (an image or pasted text
 * remains).
 */
export function QrScanner(props: {
  labels: QrScannerLabels;
  onScan: (text: string) => void;
  onStop: () => void;
}) {
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);
  const { onScan } = props;

  useEffect(() => {
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let last = '';
    const tick = async () => {
      const element = video.current;
      if (stopped || !element) return;
      if (element.readyState >= 2) {
        const text = await scanQrFromImage(element).catch(() => undefined);
        if (text && text !== last) {
          last = text;
          onScan(text);
        }
      }
      if (!stopped) timer = setTimeout(() => void tick(), 250);
    };
    const start = async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: 'environment' },
          audio: false,
        });
        if (stopped || !video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        await tick();
      } catch {
        setFailed(true);
      }
    };
    start().catch(() => setFailed(true));
    return () => {
      stopped = true;
      clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [onScan]);

  return (
    <div className="qr-scanner">
      {failed ? (
        // Nothing to stop: the message says what else works (a photo, pasted text).
        <p role="alert" className="qr-scanner-unavailable">
          {props.labels.unavailable}
        </p>
      ) : (
        <>
          <video ref={video} aria-label={props.labels.video} muted playsInline />
          <button type="button" className="button-secondary" onClick={props.onStop}>
            {props.labels.stop}
          </button>
        </>
      )}
    </div>
  );
}
