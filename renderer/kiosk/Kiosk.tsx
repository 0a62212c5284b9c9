import { useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../api/client';
import type { KioskLookup } from '../../shared/contract/schedule';
import { formatStationTime } from './time';
import { decodeBadge, TRANSPORTER_ID } from './qr';

type Shown = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; who: KioskLookup; already: boolean } | { kind: 'error'; message: string };

interface Detector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
declare global {
  interface Window {
    BarcodeDetector?: new (opts: { formats: string[] }) => Detector;
  }
}

/**
 * The self check-in kiosk (`/kiosk#token=<kiosk token>`): a driver types their transporter ID or
 * shows their badge's QR code to the camera; the desk records the check-in at its own clock.
 * The kiosk token may only look a driver up and check them in.
 */
export function Kiosk() {
  const [tid, setTid] = useState('');
  const [shown, setShown] = useState<Shown>({ kind: 'idle' });
  const [scanning, setScanning] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (shown.kind !== 'done' && shown.kind !== 'error') return;
    const t = setTimeout(() => {
      setShown({ kind: 'idle' });
      input.current?.focus();
    }, 6000);
    return () => clearTimeout(t);
  }, [shown]);

  const checkIn = async (raw: string) => {
    const id = raw.trim().toUpperCase();
    if (!TRANSPORTER_ID.test(id)) {
      setShown({ kind: 'error', message: 'That is not a transporter ID. Type the ID on your badge (letters and digits).' });
      return;
    }
    setShown({ kind: 'busy' });
    try {
      const before = await api('kiosk.lookup', { transporterId: id });
      const already = (before.status === 'checked_in' || before.status === 'late') && !!before.checkedInAt;
      if (!already) await api('checkin.set', { transporterId: id, status: 'checked_in' });
      const who = already ? before : await api('kiosk.lookup', { transporterId: id });
      setShown({ kind: 'done', who, already });
      setTid('');
    } catch (err) {
      const message =
        err instanceof ApiError && err.code === 'NOT_FOUND'
          ? `No active driver with transporter ID ${id}. Please see dispatch.`
          : err instanceof ApiError && (err.code === 'UNAUTHORIZED' || err.code === 'FORBIDDEN')
            ? 'This kiosk is not set up (kiosk token missing or revoked). Please see dispatch.'
            : `Could not check in: ${err instanceof Error ? err.message : String(err)}`;
      setShown({ kind: 'error', message });
    }
  };

  return (
    <main className="kiosk" aria-label="Self check-in">
      <h1>Check in</h1>
      <form
        className="kiosk-form"
        onSubmit={(e) => {
          e.preventDefault();
          void checkIn(tid);
        }}
      >
        <label htmlFor="kiosk-tid">Transporter ID</label>
        <input
          id="kiosk-tid"
          ref={input}
          autoFocus
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          inputMode="text"
          value={tid}
          maxLength={20}
          placeholder="e.g. A1B2C3D4E5F6G7"
          onChange={(e) => setTid(e.target.value)}
        />
        <button type="submit" className="kiosk-go" disabled={shown.kind === 'busy' || tid.trim() === ''}>
          Check in
        </button>
      </form>
      <button type="button" className="kiosk-scan" onClick={() => setScanning((s) => !s)}>
        {scanning ? 'Stop camera' : 'Scan my badge'}
      </button>
      {scanning && (
        <Scanner
          onCode={(code) => {
            setScanning(false);
            void checkIn(code);
          }}
          onError={(message) => {
            setScanning(false);
            setShown({ kind: 'error', message });
          }}
        />
      )}
      <div className={`kiosk-answer ${shown.kind}`} role="status" aria-live="polite">
        {shown.kind === 'busy' && 'Checking in…'}
        {shown.kind === 'done' && (
          <>
            <strong>{shown.who.name}</strong>
            <span>
              {shown.already ? 'You were already checked in' : shown.who.status === 'late' ? 'Checked in — late' : 'Checked in'}
              {shown.who.checkedInAt ? ` at ${formatStationTime(shown.who.checkedInAt, shown.who.timeZone)}` : ''}
            </span>
            {shown.who.group === 'not_expected' && <span className="kiosk-note">You are not on today’s schedule — dispatch will let you know.</span>}
            {shown.who.group === 'standby' && <span className="kiosk-note">You are on standby today.</span>}
          </>
        )}
        {shown.kind === 'error' && shown.message}
      </div>
    </main>
  );
}

/** The camera, read a few times a second: the browser's BarcodeDetector where it exists, else jsQR. */
function Scanner({ onCode, onError }: { onCode: (code: string) => void; onError: (message: string) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | null = null;
    let done = false;
    const canvas = document.createElement('canvas');
    const detector = window.BarcodeDetector ? new window.BarcodeDetector({ formats: ['qr_code'] }) : null;
    const read = async () => {
      const v = video.current;
      if (!v || v.readyState < 2 || done) return;
      let code: string | null;
      if (detector) {
        const hits = await detector.detect(v).catch(() => []);
        const text = hits[0]?.rawValue.trim().toUpperCase() ?? '';
        code = TRANSPORTER_ID.test(text) ? text : null;
      } else {
        canvas.width = v.videoWidth;
        canvas.height = v.videoHeight;
        const g = canvas.getContext('2d', { willReadFrequently: true });
        if (!g) return;
        g.drawImage(v, 0, 0);
        const img = g.getImageData(0, 0, canvas.width, canvas.height);
        code = decodeBadge(img.data, img.width, img.height);
      }
      if (code && !done) {
        done = true;
        onCode(code);
      }
    };
    if (!navigator.mediaDevices) {
      onError('No camera on this device — type your transporter ID instead.');
      return;
    }
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'user' } })
      .then((s) => {
        stream = s;
        if (video.current) {
          video.current.srcObject = s;
          void video.current.play();
        }
        timer = setInterval(() => void read(), 250);
      })
      .catch(() => onError('The camera is not available here — type your transporter ID instead.'));
    return () => {
      done = true;
      if (timer) clearInterval(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- start the camera once
  }, []);
  return <video ref={video} className="kiosk-video" muted playsInline aria-label="Camera: hold your badge's QR code up" />;
}
