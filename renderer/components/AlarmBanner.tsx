import { useEffect, useRef } from 'react';
import { api } from '../api/client';
import { useCanWrite, useChannel } from '../api/hooks';
import { useToast } from './Toasts';
import type { Alarm } from '../../shared/contract/telematics';
import './alarms.css';

/**
 * Open alarms raised by phones and trackers, on the board and the map: urgent ones (SOS,
 * accident, fall) as a red bar that beeps every few seconds until a dispatcher acknowledges it
 * (`telematics.ackAlarm`, audited with who and when); the others as a quiet line. The sound can be
 * muted in the map settings (`alarmSound`). Reloads on every `changed` event (the ingest announces
 * new alarms as one).
 */
export function AlarmBanner({ onShow, timeZone }: { onShow?: (a: Alarm) => void; timeZone?: string }) {
  const alarms = useChannel('telematics.alarms', {});
  const settings = useChannel('telematics.settings', {});
  const canWrite = useCanWrite();
  const toast = useToast();
  const open = alarms.data ?? [];
  const urgent = open.filter((a) => a.urgent);
  useAlarmSound(urgent.length > 0 && settings.data?.alarmSound !== false);
  if (open.length === 0) return null;

  const ack = async (a: Alarm) => {
    try {
      await api('telematics.ackAlarm', { id: a.id });
      toast.show(`${a.label} from ${who(a)} acknowledged.`, { tone: 'ok' });
    } catch (err) {
      toast.error(`Could not acknowledge: ${(err as Error).message}`);
    }
  };
  const at = (iso: string) => new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
  return (
    <div className="alarm-bar" role="alert" aria-label="Open alarms" data-testid="alarm-bar">
      {open.map((a) => (
        <div key={a.id} className={`alarm-row${a.urgent ? ' urgent' : ''}`} data-kind={a.kind}>
          <span className="alarm-kind">{a.urgent ? `⚠ ${a.label}` : a.label}</span>
          <span className="alarm-who">{who(a)}</span>
          <span className="alarm-when">
            {at(a.firstAt)}
            {a.count > 1 ? ` · ${a.count}×, last ${at(a.lastAt)}` : ''}
          </span>
          {a.lat !== null && onShow && (
            <button className="btn btn-sm" onClick={() => onShow(a)}>
              Show on map
            </button>
          )}
          {canWrite && (
            <button className={`btn btn-sm${a.urgent ? ' btn-primary' : ''}`} onClick={() => void ack(a)}>
              Acknowledge
            </button>
          )}
        </div>
      ))}
    </div>
  );
}

const who = (a: Alarm) => [a.routeCode, a.vanName].filter(Boolean).join(' · ') || `device ${a.identifier}`;

/** A short two-tone beep every 4 s while `on` (Web Audio; silent until the page may play sound). */
function useAlarmSound(on: boolean) {
  const ctx = useRef<AudioContext | null>(null);
  useEffect(() => {
    if (!on) return;
    const beep = () => {
      try {
        ctx.current ??= new AudioContext();
        const ac = ctx.current;
        if (ac.state === 'suspended') void ac.resume();
        for (const [i, freq] of [880, 660].entries()) {
          const osc = ac.createOscillator();
          const gain = ac.createGain();
          osc.frequency.value = freq;
          gain.gain.value = 0.15;
          osc.connect(gain).connect(ac.destination);
          const t = ac.currentTime + i * 0.22;
          osc.start(t);
          osc.stop(t + 0.18);
        }
      } catch {
        // no audio device: the red bar still shows
      }
    };
    beep();
    const t = setInterval(beep, 4000);
    return () => clearInterval(t);
  }, [on]);
}
