import qrcode from 'qrcode-generator';
import { useId, useMemo } from 'react';

/**
 * A QR code as an accessible SVG: its `label` is read out (role img), and the encoded
 * text is available as its description. One path of dark modules, with the 4-module
 * quiet zone the standard asks for; black on white, whatever the theme.
 */
export function QrCode(props: { value: string; label: string; testId?: string }) {
  const descriptionId = useId();
  const { size, path } = useMemo(() => qrPath(props.value), [props.value]);
  return (
    <figure className="qr-code">
      <svg
        role="img"
        aria-label={props.label}
        aria-describedby={descriptionId}
        viewBox={`0 0 ${size} ${size}`}
        shapeRendering="crispEdges"
        width="100%"
        style={{ maxWidth: '20rem', display: 'block' }}
        data-testid={props.testId}
        data-value={props.value}
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

function qrPath(value: string): { size: number; path: string } {
  // Type 0: the smallest version that holds the value; L: the most data per code.
  const qr = qrcode(0, 'L');
  qr.addData(value, 'Byte');
  qr.make();
  const count = qr.getModuleCount();
  let path = '';
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (qr.isDark(row, col)) path += `M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`;
    }
  }
  return { size: count + 2 * QUIET_ZONE, path };
}
