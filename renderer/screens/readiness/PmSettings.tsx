import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useCanWrite, useChannel } from '../../api/hooks';
import { Dialog } from '../../components/Dialog';
import { useToast } from '../../components/Toasts';
import { VAN_CLASS_LABEL } from '../../../shared/domain';
import type { FleetSettings, PmSchedule } from '../../../shared/rules/fleet/maintenance';
import { errorText } from './model';

const THRESHOLDS: { key: keyof FleetSettings; label: string; unit: string }[] = [
  { key: 'dueSoonMi', label: 'PM due soon within', unit: 'mi' },
  { key: 'dueSoonDays', label: 'PM due soon within', unit: 'days' },
  { key: 'docWarnDays', label: 'Documents warn within', unit: 'days' },
  { key: 'evLowChargePct', label: 'EV charge low below', unit: '%' },
  { key: 'evRangeMarginPct', label: 'EV range margin', unit: '%' },
  { key: 'avgDailyMi', label: 'Miles a day when unknown', unit: 'mi' },
];

const num = (s: string) => (s.trim() === '' ? null : Number(s));

/** PM schedules per van type (miles and/or days, safety, active) and the readiness thresholds. */
export function PmSettings({ onClose }: { onClose: () => void }) {
  const canWrite = useCanWrite();
  const toast = useToast();
  const schedules = useChannel('fleet.pmSchedules', {});
  const settings = useChannel('fleet.settings', {});
  const [draft, setDraft] = useState<Record<string, { everyMi: string; everyDays: string; safety: boolean; active: boolean }>>({});
  const [thr, setThr] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (settings.data) setThr(Object.fromEntries(Object.entries(settings.data).map(([k, v]) => [k, String(v)])));
  }, [settings.data]);
  const key = (s: PmSchedule) => `${s.vanClass}|${s.code}`;
  const rowOf = (s: PmSchedule) => draft[key(s)] ?? { everyMi: s.everyMi == null ? '' : String(s.everyMi), everyDays: s.everyDays == null ? '' : String(s.everyDays), safety: s.safety, active: s.active };
  const edit = (s: PmSchedule, patch: Partial<ReturnType<typeof rowOf>>) => setDraft((d) => ({ ...d, [key(s)]: { ...rowOf(s), ...patch } }));

  const saveRow = async (s: PmSchedule) => {
    const r = rowOf(s);
    setError(null);
    try {
      await api('fleet.setPmSchedule', { vanClass: s.vanClass, code: s.code, label: s.label, everyMi: num(r.everyMi), everyDays: num(r.everyDays), safety: r.safety, active: r.active });
      setDraft((d) => {
        const { [key(s)]: _gone, ...rest } = d;
        return rest;
      });
      toast.show(`${VAN_CLASS_LABEL[s.vanClass]} ${s.label.toLowerCase()} saved.`, { tone: 'ok' });
    } catch (err) {
      setError(errorText(err));
    }
  };
  const saveThresholds = async () => {
    setError(null);
    try {
      const input = Object.fromEntries(THRESHOLDS.map((t) => [t.key, Number(thr[t.key])]));
      await api('fleet.setSettings', input);
      toast.show('Readiness thresholds saved.', { tone: 'ok' });
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <Dialog title="Preventive maintenance and thresholds" onClose={onClose} variant="wide">
      <div className="stack">
        {error && (
          <div className="alert" role="alert">
            {error}
          </div>
        )}
        <div className="pm-thresholds">
          {THRESHOLDS.map((t) => (
            <label key={t.key} className="field">
              <span>
                {t.label} ({t.unit})
              </span>
              <input className="input num" type="number" min={0} value={thr[t.key] ?? ''} disabled={!canWrite} onChange={(e) => setThr((x) => ({ ...x, [t.key]: e.target.value }))} aria-label={`${t.label} (${t.unit})`} />
            </label>
          ))}
          {canWrite && (
            <button type="button" className="btn" onClick={() => void saveThresholds()}>
              Save thresholds
            </button>
          )}
        </div>
        <div className="scroll-box">
          <table className="plain-table" aria-label="PM schedules">
            <thead>
              <tr>
                <th>Van type</th>
                <th>Item</th>
                <th>Every (mi)</th>
                <th>Every (days)</th>
                <th>Safety</th>
                <th>Active</th>
                {canWrite && <th />}
              </tr>
            </thead>
            <tbody>
              {(schedules.data ?? []).map((s) => {
                const r = rowOf(s);
                const dirty = !!draft[key(s)];
                return (
                  <tr key={key(s)}>
                    <td>{VAN_CLASS_LABEL[s.vanClass]}</td>
                    <td>{s.label}</td>
                    <td>
                      <input className="input num pm-in" value={r.everyMi} disabled={!canWrite} onChange={(e) => edit(s, { everyMi: e.target.value })} aria-label={`${s.vanClass} ${s.label} miles`} />
                    </td>
                    <td>
                      <input className="input num pm-in" value={r.everyDays} disabled={!canWrite} onChange={(e) => edit(s, { everyDays: e.target.value })} aria-label={`${s.vanClass} ${s.label} days`} />
                    </td>
                    <td>
                      <input type="checkbox" checked={r.safety} disabled={!canWrite} onChange={(e) => edit(s, { safety: e.target.checked })} aria-label={`${s.vanClass} ${s.label} safety`} />
                    </td>
                    <td>
                      <input type="checkbox" checked={r.active} disabled={!canWrite} onChange={(e) => edit(s, { active: e.target.checked })} aria-label={`${s.vanClass} ${s.label} active`} />
                    </td>
                    {canWrite && (
                      <td>
                        <button type="button" className="btn btn-sm" disabled={!dirty} onClick={() => void saveRow(s)}>
                          Save
                        </button>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <p className="muted small">Due by miles or days, whichever comes first. An overdue safety item grounds the van; other overdue items need attention.</p>
      </div>
    </Dialog>
  );
}
