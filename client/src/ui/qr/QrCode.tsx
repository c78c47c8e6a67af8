import { useId, useMemo } from 'react';
import { type QrCorrection, qrMatrix } from './qrMatrix';
import './qr.css';

/**
 * A QR code as an accessible SVG: its `label` is read out (role img), and the encoded
 * text is available as its description. One path of dark modules, with the 4-module
 * quiet zone the standard asks for; black on white, whatever the theme.
 * `correction` L packs the most data (pairing codes); M survives a phone screen's
 * glare and a shaky camera better (invite links, read from another phone).
 */
export function QrCode(props: {
  value: string;
  label: string;
  testId?: string;
  correction?: QrCorrection;
}) {
  const descriptionId = useId();
  const { size, path } = useMemo(
    () => qrPath(props.value, props.correction ?? 'L'),
    [props.value, props.correction],
  );
  return (
    <figure className="qr-code">
      <svg
        role="img"
        aria-label={props.label}
        aria-describedby={descriptionId}
        viewBox={`0 0 ${size} ${size}`}
        shapeRendering="crispEdges"
        width="100%"
        data-testid={props.testId}
        data-value={props.value}
        data-modules={size}
      >
        <rect width={size} height={size} fill="#fff" />
        <path d={path} fill="#000" />
      </svg>
      <figcaption>{props.label}</figcaption>
      <p id={descriptionId} className="visually-hidden">
        {props.value}
      </p>
    </figure>
  );
}

const QUIET_ZONE = 4;

function qrPath(value: string, correction: QrCorrection): { size: number; path: string } {
  const matrix = qrMatrix(value, correction);
  let path = '';
  matrix.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) path += `M${x + QUIET_ZONE} ${y + QUIET_ZONE}h1v1h-1z`;
    });
  });
  return { size: matrix.length + 2 * QUIET_ZONE, path };
}
