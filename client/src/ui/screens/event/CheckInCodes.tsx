import type { Attendance, MemberId } from '@ensemble/shared';
import { useCallback, useState } from 'react';
import { useMessages } from '../../../i18n/featureMessages';
import { QrCode } from '../../qr/QrCode';
import { QrInput } from '../../qr/QrInput';
import { type CheckInCode, encodeCheckInCode, readCheckInCode } from './checkInCode';
import { checkInMessages } from './checkInMessages';

/** Loaded on demand with the QR code libraries: the event page does not carry them. */

/** A confirmed attendee's own entry code, shown on request. */
export function MyCheckInCode(props: { code: CheckInCode }) {
  const ct = useMessages(checkInMessages);
  const [shown, setShown] = useState(false);
  return (
    <div className="checkin-code">
      <button
        type="button"
        className="button-secondary"
        aria-expanded={shown}
        data-testid="checkin-code-toggle"
        onClick={() => setShown((value) => !value)}
      >
        {shown ? ct('code.hide') : ct('code.show')}
      </button>
      {shown ? (
        <>
          <QrCode
            value={encodeCheckInCode(props.code)}
            label={ct('code.label')}
            testId="checkin-code"
          />
          <p className="muted small">{ct('code.hint')}</p>
        </>
      ) : null}
    </div>
  );
}

/** The organizer's scanner: camera, or a photo of the code; says what it did. */
export function CheckInScanner(props: {
  readonly expected: Omit<CheckInCode, 'memberId'>;
  readonly attendance: Attendance;
  readonly nameOf: (id: string) => string;
  readonly setPresent: (memberId: MemberId, present: boolean) => void;
}) {
  const ct = useMessages(checkInMessages);
  const [scanning, setScanning] = useState(false);
  const [result, setResult] = useState<{ text: string; ok: boolean } | undefined>();
  const { expected, attendance, nameOf, setPresent } = props;

  const onText = useCallback(
    (text: string) => {
      const read = readCheckInCode(text, expected);
      if (!read.ok) {
        setResult({ text: ct(`scan.${read.problem}`), ok: false });
        return;
      }
      const name = nameOf(read.memberId);
      const memberId = read.memberId as MemberId;
      if (!attendance.confirmed.includes(memberId)) {
        setResult({ text: ct('scan.notConfirmed', { name }), ok: false });
      } else if (attendance.checkedIn.includes(memberId)) {
        setResult({ text: ct('scan.already', { name }), ok: true });
      } else {
        setPresent(memberId, true);
        setResult({ text: ct('scan.done', { name }), ok: true });
      }
    },
    [expected, attendance, nameOf, setPresent, ct],
  );

  return (
    <div className="checkin-scan">
      <QrInput
        labels={{
          camera: ct('scan.start'),
          image: ct('scan.image'),
          video: ct('scan.video'),
          stop: ct('scan.stop'),
          unavailable: ct('scan.unavailable'),
        }}
        camera={scanning}
        onCamera={setScanning}
        onText={onText}
        onNoCode={() => setResult({ text: ct('scan.noCode'), ok: false })}
        imageTestId="checkin-scan-image"
        cameraTestId="checkin-scan"
      />
      <p
        role="status"
        data-testid="checkin-scan-result"
        className={result === undefined || result.ok ? undefined : 'form-error'}
      >
        {result?.text}
      </p>
    </div>
  );
}
