import { useEffect } from 'react';
import { api } from '../../api/client';
import { useChannel } from '../../api/hooks';
import { NumberField, useForm } from '../../components/Form';
import { useToast } from '../../components/Toasts';
import type { BoardLimits } from '../../../shared/contract/board';
import { DEFAULT_BOARD_LIMITS } from '../../../shared/rules/board';

type Editable = Omit<BoardLimits, 'stationTimeMin'>;
type Draft = { [K in keyof Editable]: number | null };

/** Every board rule threshold, grouped as a dispatcher thinks of them; defaults from DOMAIN.md. */
const GROUPS: { title: string; fields: { key: keyof Editable; label: string; unit: string; step?: number }[] }[] = [
  {
    title: 'Working hours',
    fields: [
      { key: 'preTripMin', label: 'Pre-trip and load-out', unit: 'min' },
      { key: 'postTripMin', label: 'Return and post-trip', unit: 'min' },
      { key: 'maxDailyHours', label: 'On duty at most, per day', unit: 'h', step: 0.25 },
      { key: 'minRestHours', label: 'Off between shifts at least', unit: 'h', step: 0.5 },
      { key: 'maxWeeklyHours', label: 'On duty at most, any 7 days', unit: 'h' },
      { key: 'overtimeWeeklyHours', label: 'Overtime above (information only)', unit: 'h' },
      { key: 'maxConsecutiveDays', label: 'Work days in a row at most', unit: 'days' },
      { key: 'licenceExpiringDays', label: 'Licence warning within', unit: 'days' },
    ],
  },
  {
    title: 'Vans',
    fields: [
      { key: 'vanDueMarginMi', label: 'Maintenance due within the route plus', unit: 'mi' },
      { key: 'evRangeFactor', label: 'EV range: planned distance ×', unit: '', step: 0.05 },
      { key: 'evRangeMarginMi', label: 'EV range: plus', unit: 'mi' },
      { key: 'overnightChargePct', label: 'EV charge gained overnight at a bay', unit: '%' },
    ],
  },
];
const KEYS = GROUPS.flatMap((g) => g.fields.map((f) => f.key));
const draftOf = (l: BoardLimits): Draft => Object.fromEntries(KEYS.map((k) => [k, l[k]])) as Draft;

/** Settings → Board rules: the limits the board's warnings use (`board.limits` / `board.setLimits`). */
export function BoardRules({ canWrite }: { canWrite: boolean }) {
  const limits = useChannel('board.limits', {});
  const form = useForm<Draft>(draftOf(DEFAULT_BOARD_LIMITS));
  const toast = useToast();
  const { setValues } = form;
  useEffect(() => {
    if (limits.data) setValues(draftOf(limits.data));
  }, [limits.data, setValues]);
  const dirty = !!limits.data && KEYS.some((k) => form.values[k] !== limits.data![k]);
  const save = () =>
    form.submit(async (v) => {
      const changed = Object.fromEntries(KEYS.filter((k) => v[k] !== limits.data?.[k]).map((k) => [k, v[k] ?? NaN]));
      const out = await api('board.setLimits', changed);
      toast.show('Board rules saved.', { tone: 'ok' });
      limits.reload();
      return out;
    });
  return (
    <section className="panel panel-pad board-rules" aria-labelledby="rules-h">
      <h2 id="rules-h">Board rules</h2>
      <p className="muted">
        What makes a warning on the board. On duty = pre-trip + route + return. A van warns only for what falls due before the route ends; open
        minor defects stay information on the van.
      </p>
      {form.formError && (
        <div className="alert" role="alert">
          {form.formError}
        </div>
      )}
      <div className="rules-groups">
        {GROUPS.map((g) => (
          <fieldset key={g.title} className="rules-group" disabled={!canWrite}>
            <legend>{g.title}</legend>
            {g.fields.map((f) => (
              <NumberField key={f.key} label={f.unit ? `${f.label} (${f.unit})` : f.label} min={0} step={f.step ?? 1} hint={`default ${DEFAULT_BOARD_LIMITS[f.key]}`} {...form.bind(f.key)} />
            ))}
          </fieldset>
        ))}
      </div>
      {canWrite && (
        <div className="row-actions">
          <button type="button" className="btn btn-primary" disabled={!dirty || form.busy} onClick={() => void save()}>
            Save board rules
          </button>
          {!dirty && <span className="muted small">Nothing changed yet.</span>}
          <button type="button" className="btn" disabled={form.busy} onClick={() => setValues(draftOf({ ...DEFAULT_BOARD_LIMITS }))}>
            Defaults
          </button>
        </div>
      )}
    </section>
  );
}
