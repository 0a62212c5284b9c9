import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api/client';
import { useChannel } from '../../api/hooks';
import { ConfirmDialog } from '../../components/Dialog';
import { StatusChip } from '../../components/StatusChip';
import { useToast } from '../../components/Toasts';
import { VanClassList } from '../../components/domainChips';
import { VAN_CLASSES, VAN_CLASS_LABEL, VAN_CLASS_SHORT, type VanClass } from '../../../shared/domain';
import {
  SERVICE_TAGS,
  SERVICE_TAG_LABEL,
  readServiceType,
  serviceTypeRulesProblems,
  unknownServiceTypeWarning,
  type ServiceTag,
  type ServiceTypeRule,
  type ServiceTypeRules,
} from '../../../shared/rules/fleet/service-types';
import { vanClassWords } from '../../../shared/rules/fleet/classes';

/** Amazon's own spellings, for the tester. */
const SAMPLES = [
  'Standard Parcel - Extra Large Van - US',
  'Standard Parcel - Large Van',
  'Standard Parcel Medium Van',
  'Standard Parcel - Small Van',
  'Standard Parcel Step Van - US',
  'Standard Parcel Electric - Rivian MEDIUM',
  'Standard Parcel Electric - Rivian MEDIUM with Helper',
  'Nursery Route Level 1 - Electric Vehicle',
  'Ride Along',
];

/** Rules as the editor holds them: keywords as one comma-separated text. */
interface DraftRule extends Omit<ServiceTypeRule, 'keywords'> {
  keywords: string;
}
const toDraft = (r: ServiceTypeRules): { rules: DraftRule[]; defaultClasses: VanClass[] } => ({ rules: r.rules.map((x) => ({ ...x, keywords: x.keywords.join(', ') })), defaultClasses: [...r.defaultClasses] });
const fromDraft = (d: { rules: DraftRule[]; defaultClasses: VanClass[] }): ServiceTypeRules => ({
  rules: d.rules.map((x) => ({ ...x, keywords: x.keywords.split(',').map((k) => k.trim()).filter(Boolean) })),
  defaultClasses: VAN_CLASSES.filter((c) => d.defaultClasses.includes(c)),
});

/** One class set as six small toggles, kept in size order (the first checked is the first choice). */
function ClassToggles({ value, onChange, disabled, label }: { value: VanClass[]; onChange: (v: VanClass[]) => void; disabled: boolean; label: string }) {
  return (
    <span className="class-toggles" role="group" aria-label={label}>
      {VAN_CLASSES.map((c) => {
        const on = value.includes(c);
        return (
          <label key={c} className={`class-toggle${on ? ' on' : ''}`} title={VAN_CLASS_LABEL[c]}>
            <input type="checkbox" checked={on} disabled={disabled} onChange={(e) => onChange(VAN_CLASSES.filter((x) => (x === c ? e.target.checked : value.includes(x))))} />
            {VAN_CLASS_SHORT[c]}
          </label>
        );
      })}
    </span>
  );
}

/** What a service type reads as, in one line: classes, tags, the rule that decided, or the warning. */
function Reading({ serviceType, rules }: { serviceType: string; rules: ServiceTypeRules }) {
  const r = readServiceType(serviceType, rules);
  const warning = unknownServiceTypeWarning(r, vanClassWords);
  return (
    <span className="st-reading">
      {r.requiresVan ? <VanClassList classes={r.classes} /> : <span className="muted">no van (rides along)</span>}
      {r.tags.filter((t) => t !== 'ride-along').map((t) => (
        <span key={t} className="tag">
          {SERVICE_TAG_LABEL[t]}
        </span>
      ))}
      {warning ? (
        <StatusChip tone="warn" title={warning}>
          {r.closest?.followed ? `unknown — like “${r.closest.rule}”` : 'unknown'}
        </StatusChip>
      ) : (
        <span className="muted">by “{r.classesFrom}”</span>
      )}
    </span>
  );
}

/**
 * Settings → Route sheets: our DSP short code (other DSPs' rows are skipped on import) and the
 * keyword rules that turn Amazon's service types into the van classes that may serve a route,
 * with a tester that reads any service type under the rules as they are being edited.
 */
export function RouteSheets({ canWrite }: { canWrite: boolean }) {
  const toast = useToast();
  const settings = useChannel('board.routeSettings', {});
  const [dsp, setDsp] = useState('');
  const [draft, setDraft] = useState<{ rules: DraftRule[]; defaultClasses: VanClass[] } | null>(null);
  const [tester, setTester] = useState('Standard Parcel Electric - Rivian MEDIUM with Helper');
  const [resetting, setResetting] = useState(false);
  const [busy, setBusy] = useState(false);
  const s = settings.data;
  useEffect(() => {
    if (!s) return;
    setDsp(s.dspCodeFrom === 'settings' ? s.dspCode : '');
    setDraft((d) => d ?? toDraft(s.serviceTypes));
  }, [s]);
  const rules = useMemo(() => (draft ? fromDraft(draft) : (s?.serviceTypes ?? null)), [draft, s]);
  const problems = rules ? serviceTypeRulesProblems(rules) : [];
  const dirty = !!(s && rules && JSON.stringify(rules) !== JSON.stringify(s.serviceTypes));
  if (!s || !draft || !rules) return settings.error ? <div className="alert">Could not load the route-sheet settings: {settings.error.message}</div> : null;

  const edit = (i: number, patch: Partial<DraftRule>) => setDraft({ ...draft, rules: draft.rules.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  const move = (i: number, by: -1 | 1) => {
    const list = [...draft.rules];
    const [r] = list.splice(i, 1);
    list.splice(i + by, 0, r!);
    setDraft({ ...draft, rules: list });
  };
  const save = async (input: Parameters<typeof api<'board.setRouteSettings'>>[1], done: string) => {
    setBusy(true);
    try {
      const after = await api('board.setRouteSettings', input);
      setDraft(toDraft(after.serviceTypes));
      toast.show(done, { tone: 'ok' });
    } catch (err) {
      toast.error(`Not saved: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  const disabled = !canWrite || busy;

  return (
    <section className="panel panel-pad route-sheets" aria-labelledby="routesheets-h">
      <h2 id="routesheets-h">Route sheets</h2>
      <div className="row rs-dsp">
        <label className="field-inline">
          <span>Our DSP short code</span>
          <input className="input mono" value={dsp} maxLength={12} disabled={disabled} placeholder={s.dspCodeFrom === 'station' ? s.dspCode : 'e.g. ACME'} onChange={(e) => setDsp(e.target.value.toUpperCase())} aria-label="Our DSP short code" />
        </label>
        <span className="muted">
          {s.dspCodeFrom === 'settings' ? 'Set here.' : s.dspCodeFrom === 'station' ? `The station's (${s.dspCode}) until set here.` : 'Not set: a Day of Ops plan listing several DSPs is refused until it is.'} Rows of other DSPs
          are skipped and counted.
        </span>
        {canWrite && (
          <button type="button" className="btn btn-sm" disabled={busy || dsp === (s.dspCodeFrom === 'settings' ? s.dspCode : '')} onClick={() => void save({ dspCode: dsp }, 'DSP code saved.')}>
            Save code
          </button>
        )}
      </div>

      <h3 className="sub">Service types → van classes</h3>
      <p className="muted">
        Amazon writes service types many ways; each is read by its words. A rule matches when every word of one of its keywords (comma-separated) appears in the service type. The first matching rule
        with van classes decides them, first choice first; tags add a helper seat, a ride-along or a nursery level. A service type no rule knows is imported with a warning, read like its closest
        example.
      </p>
      <table className="plain-table rs-rules" aria-label="Service-type rules">
        <thead>
          <tr>
            <th>#</th>
            <th>Rule</th>
            <th>Keywords</th>
            <th>Van classes</th>
            <th>Tag</th>
            <th>Amazon example</th>
            {canWrite && <th />}
          </tr>
        </thead>
        <tbody>
          {draft.rules.map((r, i) => (
            <tr key={i}>
              <td className="num">{i + 1}</td>
              <td>
                <input className="input rs-label" value={r.label} disabled={disabled} onChange={(e) => edit(i, { label: e.target.value })} aria-label={`Rule ${i + 1} name`} />
              </td>
              <td>
                <input className="input rs-keywords" value={r.keywords} disabled={disabled} onChange={(e) => edit(i, { keywords: e.target.value })} aria-label={`${r.label} keywords`} />
              </td>
              <td>
                <ClassToggles value={r.classes} disabled={disabled} onChange={(classes) => edit(i, { classes })} label={`${r.label} van classes`} />
              </td>
              <td>
                <select className="select" value={r.tag ?? ''} disabled={disabled} onChange={(e) => edit(i, { tag: (e.target.value || null) as ServiceTag | null })} aria-label={`${r.label} tag`}>
                  <option value="">—</option>
                  {SERVICE_TAGS.map((t) => (
                    <option key={t} value={t}>
                      {SERVICE_TAG_LABEL[t]}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input className="input rs-example" value={r.example} disabled={disabled} onChange={(e) => edit(i, { example: e.target.value })} aria-label={`${r.label} example`} />
              </td>
              {canWrite && (
                <td className="rs-actions">
                  <button type="button" className="btn btn-sm" disabled={disabled || i === 0} onClick={() => move(i, -1)} aria-label={`Move ${r.label} up`} title="Earlier rules win the van classes">
                    ↑
                  </button>
                  <button type="button" className="btn btn-sm" disabled={disabled || i === draft.rules.length - 1} onClick={() => move(i, 1)} aria-label={`Move ${r.label} down`}>
                    ↓
                  </button>
                  <button type="button" className="btn btn-sm" disabled={disabled} onClick={() => setDraft({ ...draft, rules: draft.rules.filter((_, j) => j !== i) })} aria-label={`Remove ${r.label}`}>
                    ✕
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row rs-default">
        <span>When no rule names van classes:</span>
        <ClassToggles value={draft.defaultClasses} disabled={disabled} onChange={(defaultClasses) => setDraft({ ...draft, defaultClasses })} label="Default van classes" />
      </div>
      {problems.length > 0 && (
        <div className="alert" role="alert">
          {problems.map((p) => p.message).join('; ')}
        </div>
      )}
      {canWrite && (
        <div className="row rs-buttons">
          <button type="button" className="btn" disabled={disabled} onClick={() => setDraft({ ...draft, rules: [...draft.rules, { label: 'New rule', keywords: '', classes: [], tag: null, example: '' }] })}>
            Add rule
          </button>
          <button type="button" className="btn" disabled={disabled || !dirty} onClick={() => setDraft(toDraft(s.serviceTypes))}>
            Undo changes
          </button>
          <button type="button" className="btn" disabled={disabled} onClick={() => setResetting(true)}>
            Reset to defaults
          </button>
          <button type="button" className="btn btn-primary" disabled={disabled || !dirty || problems.length > 0} onClick={() => void save({ serviceTypes: rules }, 'Service-type rules saved: the board reads every route with them now.')}>
            Save rules
          </button>
          {dirty && <span className="muted">Unsaved changes — the tester below already uses them.</span>}
        </div>
      )}

      <h3 className="sub">Try a service type</h3>
      <div className="rs-tester">
        <input className="input" value={tester} onChange={(e) => setTester(e.target.value)} aria-label="Service type to try" placeholder="e.g. Standard Parcel - Extra Large Van - US" />
        <div className="rs-tester-out" data-testid="service-type-tester" aria-live="polite">
          {tester.trim() ? <Reading serviceType={tester} rules={rules} /> : <span className="muted">Type a service type as Amazon writes it.</span>}
        </div>
      </div>
      <table className="plain-table rs-samples" aria-label="Amazon's service types under these rules">
        <tbody>
          {SAMPLES.map((st) => (
            <tr key={st}>
              <td>{st}</td>
              <td>
                <Reading serviceType={st} rules={rules} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {resetting && (
        <ConfirmDialog
          title="Put the default rules back?"
          message={<p>The standard rules replace this station's own (the audit log keeps what they were).</p>}
          confirmLabel="Reset rules"
          onCancel={() => setResetting(false)}
          onConfirm={() => {
            setResetting(false);
            void save({ resetServiceTypes: true }, 'Default service-type rules restored.');
          }}
        />
      )}
    </section>
  );
}
