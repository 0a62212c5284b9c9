import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useCanWrite, useChannel } from '../../api/hooks';
import { Dialog } from '../../components/Dialog';
import { StatusChip, ExpiryChip } from '../../components/StatusChip';
import { useToast } from '../../components/Toasts';
import { READINESS_LABEL, remainingRangeMi } from '../../../shared/rules/fleet/readiness';
import { VanClassTag } from '../../components/domainChips';
import { DEFECT_STATUS_LABEL, DOCUMENT_KINDS, DOCUMENT_LABEL, INSPECTION_KIND_LABEL, INSPECTION_SOURCE_LABEL, PM_LABEL, checklistItem, type DefectSeverity, type DocumentKind } from '../../../shared/rules/fleet/maintenance';
import { pmMessage } from '../../../shared/rules/fleet/evaluate';
import type { Defect } from '../../../shared/contract/fleet';
import { ChargeBar } from '../../components/ChargeBar';
import { expiryStatus } from '../../../shared/expiry';
import { STATUS_TONE, errorText, miles } from './model';

type Action = { kind: 'report' } | { kind: 'repair'; defect: Defect } | { kind: 'resolve'; defect: Defect } | { kind: 'release' } | { kind: 'doc'; doc: DocumentKind } | { kind: 'service'; code: string } | { kind: 'charge' };

const SEVERITY_TONE = { critical: 'bad', major: 'warn', minor: 'neutral' } as const;
const DEFECT_TONE = { open: 'bad', in_repair: 'info', repaired: 'warn', released: 'ok' } as const;

/** Everything about one van: readiness, defects with their lifecycle, DVIRs, PM, documents, charge. */
export function VanDrawer({ vanId, date, onClose, onDvir }: { vanId: number; date: string; onClose: () => void; onDvir: (vanId: number) => void }) {
  const canWrite = useCanWrite();
  const data = useChannel('fleet.van', { vanId, date });
  const settings = useChannel('fleet.settings', {}).data;
  const [action, setAction] = useState<Action | null>(null);
  const d = data.data;
  const r = d?.readiness;
  const openDefects = d?.defects.filter((x) => x.status !== 'released') ?? [];
  const closedDefects = d?.defects.filter((x) => x.status === 'released') ?? [];

  return (
    <Dialog
      variant="drawer"
      onClose={onClose}
      title={
        r ? (
          <span className="rd-drawer-title">
            {r.name} <VanClassTag vanClass={r.vanClass} electric={r.electric} /> <StatusChip tone={STATUS_TONE[r.status]}>{READINESS_LABEL[r.status]}</StatusChip>
          </span>
        ) : (
          'Van'
        )
      }
    >
      {data.error && <div className="alert">{data.error.message}</div>}
      {!d || !r ? (
        <p className="loading">Loading…</p>
      ) : (
        <div className="rd-drawer stack" data-testid="van-drawer">
          <section>
            {r.reasons.length === 0 ? (
              <p className="ok-text">Ready: nothing holds this van back.</p>
            ) : (
              <ul className="rd-reason-list">
                {r.reasons.map((x, i) => (
                  <li key={i} className={`s-${x.code}`}>
                    <span className="mono code">{x.code}</span> {x.message}
                  </li>
                ))}
              </ul>
            )}
            <p className="muted">
              {r.plate && <>Plate {r.plate} · </>}Odometer {miles(r.odometerMi)}
              {r.assignment && (
                <>
                  {' '}
                  · Today: <strong>{r.assignment.routeCode}</strong> {r.assignment.wave} with {r.assignment.driverName}
                </>
              )}
            </p>
            {canWrite && (
              <div className="row">
                <button type="button" className="btn btn-primary" onClick={() => onDvir(vanId)}>
                  Enter DVIR
                </button>
                <button type="button" className="btn" onClick={() => setAction({ kind: 'report' })}>
                  Report defect
                </button>
                <button type="button" className="btn" onClick={() => setAction({ kind: 'release' })} data-testid="release-van">
                  Release to service
                </button>
              </div>
            )}
          </section>

          <section>
            <h3>Defects and work orders</h3>
            {openDefects.length === 0 && <p className="muted">No open defects.</p>}
            {openDefects.map((x) => (
              <div key={x.id} className="rd-defect" data-testid={`defect-${x.id}`}>
                <div className="row">
                  <StatusChip tone={SEVERITY_TONE[x.severity]}>{x.severity}</StatusChip>
                  <StatusChip tone={DEFECT_TONE[x.status]}>{DEFECT_STATUS_LABEL[x.status]}</StatusChip>
                  <strong>#{x.id}</strong> {x.description}
                </div>
                <div className="muted small">
                  Reported {x.reportedAt.slice(0, 16).replace('T', ' ')} by {x.reportedBy}
                  {x.shop && ` · ${x.shop}, expected ${x.expectedDate}`}
                  {x.repairedAt && ` · repaired ${x.repairedAt.slice(0, 10)}${x.cost != null ? `, $${x.cost.toFixed(2)}` : ''}${x.invoiceRef ? `, invoice ${x.invoiceRef}` : ''}`}
                </div>
                {canWrite && (
                  <div className="row">
                    {x.status === 'open' && (
                      <button type="button" className="btn btn-sm" onClick={() => setAction({ kind: 'repair', defect: x })}>
                        Start repair
                      </button>
                    )}
                    {(x.status === 'open' || x.status === 'in_repair') && (
                      <button type="button" className="btn btn-sm" onClick={() => setAction({ kind: 'resolve', defect: x })}>
                        Mark repaired
                      </button>
                    )}
                  </div>
                )}
              </div>
            ))}
            {closedDefects.length > 0 && (
              <details>
                <summary className="muted">{closedDefects.length} released</summary>
                <ul className="compact">
                  {closedDefects.map((x) => (
                    <li key={x.id}>
                      #{x.id} {x.description} — released {x.releasedAt?.slice(0, 10)} by {x.releasedBy}
                      {x.cost != null && ` ($${x.cost.toFixed(2)})`}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </section>

          <section>
            <h3>Preventive maintenance</h3>
            <table className="plain-table">
              <thead>
                <tr>
                  <th>Item</th>
                  <th>Last</th>
                  <th>Next due</th>
                  <th>State</th>
                  {canWrite && <th />}
                </tr>
              </thead>
              <tbody>
                {d.pm.map((p) => (
                  <tr key={p.code}>
                    <td>
                      {p.label}
                      {p.safety && <span className="muted"> (safety)</span>}
                    </td>
                    <td className="nowrap">{p.lastDate ? `${p.lastDate}${p.lastOdometerMi != null ? ` · ${miles(p.lastOdometerMi)}` : ''}` : '—'}</td>
                    <td className="nowrap">{[p.nextDueMi != null ? miles(p.nextDueMi) : null, p.nextDueDate].filter(Boolean).join(' or ') || '—'}</td>
                    <td>
                      <StatusChip tone={p.state === 'overdue' ? (p.safety ? 'bad' : 'warn') : p.state === 'due' ? 'warn' : p.state === 'ok' ? 'ok' : 'neutral'} title={pmMessage(p)}>
                        {p.state === 'unknown' ? 'no record' : p.state}
                      </StatusChip>
                    </td>
                    {canWrite && (
                      <td>
                        <button type="button" className="btn btn-sm" onClick={() => setAction({ kind: 'service', code: p.code })}>
                          Record
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section>
            <h3>Documents</h3>
            <table className="plain-table">
              <tbody>
                {DOCUMENT_KINDS.map((k) => {
                  const doc = d.documents.find((x) => x.kind === k);
                  return (
                    <tr key={k}>
                      <td>{DOCUMENT_LABEL[k]}</td>
                      <td className="nowrap">{doc?.expiresOn ?? <span className="muted">—</span>}</td>
                      <td>{doc && settings && <ExpiryChip status={expiryStatus(doc.expiresOn, date, settings.docWarnDays)} />}</td>
                      {canWrite && (
                        <td>
                          <button type="button" className="btn btn-sm" onClick={() => setAction({ kind: 'doc', doc: k })}>
                            {doc ? 'Change' : 'Set'}
                          </button>
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>

          {r.electric && (
            <section>
              <h3>Charge</h3>
              <div className="row">
                <ChargeBar pct={r.stateOfChargePct} lowPct={settings?.evLowChargePct} />
                <span className="muted">
                  {remainingRangeMi(r) != null && `≈ ${miles(remainingRangeMi(r))} of ${miles(r.usableRangeMi)} · `}
                  {r.chargingBay ? `bay ${r.chargingBay}` : 'no bay'}
                </span>
                {canWrite && (
                  <button type="button" className="btn btn-sm" onClick={() => setAction({ kind: 'charge' })}>
                    Update
                  </button>
                )}
              </div>
            </section>
          )}

          <section>
            <h3>Inspections</h3>
            {d.inspections.length === 0 && <p className="muted">No DVIRs yet.</p>}
            <ul className="rd-insp">
              {d.inspections.slice(0, 30).map((i) => {
                const failed = i.items.filter((x) => !x.passed);
                return (
                  <li key={i.id} className={i.result ?? 'done'}>
                    {i.result ? (
                      <StatusChip tone={i.result === 'pass' ? 'ok' : 'bad'}>{i.result === 'pass' ? 'Pass' : 'Fail'}</StatusChip>
                    ) : (
                      <StatusChip tone="neutral" title={`${INSPECTION_SOURCE_LABEL[i.source]} records who inspected and when, not item results`}>
                        Done
                      </StatusChip>
                    )}{' '}
                    {i.date} {INSPECTION_KIND_LABEL[i.kind]} · {i.inspector}
                    {i.source !== 'desk' && <span className="muted"> · {INSPECTION_SOURCE_LABEL[i.source]}</span>}
                    {i.durationSec != null && ` · ${Math.round(i.durationSec / 60)} min`}
                    {i.faults != null && i.faults > 0 && <span className="bad-text"> · {i.faults} fault{i.faults > 1 ? 's' : ''} reported</span>}
                    {i.odometerMi != null && ` · ${miles(i.odometerMi)}`}
                    {failed.length > 0 && <span className="bad-text"> — {failed.map((f) => `${checklistItem(f.itemCode)?.label ?? f.itemCode}${f.note ? ` (${f.note})` : ''}`).join(', ')}</span>}
                  </li>
                );
              })}
            </ul>
          </section>
        </div>
      )}
      {action && d && r && <ActionDialog action={action} vanId={vanId} vanName={r.name} odometerMi={r.odometerMi} date={date} current={d} onClose={() => setAction(null)} />}
    </Dialog>
  );
}

function ActionDialog({
  action,
  vanId,
  vanName,
  odometerMi,
  date,
  current,
  onClose,
}: {
  action: Action;
  vanId: number;
  vanName: string;
  odometerMi: number;
  date: string;
  current: { documents: { kind: DocumentKind; expiresOn: string | null; reference: string }[]; readiness: { stateOfChargePct: number | null; chargingBay: string } };
  onClose: () => void;
}) {
  const toast = useToast();
  const [a, setA] = useState('');
  const [b, setB] = useState(() => {
    if (action.kind === 'doc') return current.documents.find((x) => x.kind === action.doc)?.expiresOn ?? '';
    if (action.kind === 'service') return date;
    if (action.kind === 'charge') return current.readiness.chargingBay;
    if (action.kind === 'repair') return date;
    return '';
  });
  const [c, setC] = useState(() => (action.kind === 'service' ? String(Math.round(odometerMi)) : action.kind === 'charge' ? String(current.readiness.stateOfChargePct ?? '') : ''));
  const [severity, setSeverity] = useState<DefectSeverity>('minor');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const titles: Record<Action['kind'], string> = {
    report: `Report a defect on ${vanName}`,
    repair: 'Start repair',
    resolve: 'Mark repaired',
    release: `Release ${vanName} to service`,
    doc: action.kind === 'doc' ? DOCUMENT_LABEL[action.doc] : '',
    service: action.kind === 'service' ? `Record ${PM_LABEL[action.code] ?? action.code}` : '',
    charge: 'Update charge',
  };
  const num = (s: string) => (s.trim() === '' ? null : Number(s.replace(/,/g, '')));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      switch (action.kind) {
        case 'report': {
          const d = await api('fleet.reportDefect', { vanId, description: a, severity });
          toast.show(`Defect #${d.id} reported${severity === 'critical' ? ' — van grounded' : ''}.`, { tone: severity === 'critical' ? 'bad' : 'ok' });
          break;
        }
        case 'repair':
          await api('fleet.startRepair', { defectId: action.defect.id, shop: a, expectedDate: b });
          toast.show(`#${action.defect.id} in repair at ${a}.`, { tone: 'ok' });
          break;
        case 'resolve':
          await api('fleet.resolveDefect', { defectId: action.defect.id, note: a, cost: num(c), invoiceRef: b || null });
          toast.show(`#${action.defect.id} repaired. Release the van when it is back.`, { tone: 'ok' });
          break;
        case 'release': {
          const r = await api('fleet.releaseVan', { vanId, note: a });
          toast.show(`${vanName} released: ${READINESS_LABEL[r.status]}.`, { tone: 'ok' });
          break;
        }
        case 'doc':
          await api('fleet.setDocument', { vanId, kind: action.doc, expiresOn: b || null, reference: a });
          toast.show(`${DOCUMENT_LABEL[action.doc]} saved.`, { tone: 'ok' });
          break;
        case 'service':
          await api('fleet.recordService', { vanId, code: action.code, date: b, odometerMi: num(c), note: a });
          toast.show('Service recorded.', { tone: 'ok' });
          break;
        case 'charge':
          await api('fleet.setCharge', { vanId, stateOfChargePct: num(c) ?? 0, chargingBay: b });
          toast.show('Charge updated.', { tone: 'ok' });
          break;
      }
      onClose();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const text = (label: string, value: string, set: (s: string) => void, opts: { type?: string; required?: boolean; autoFocus?: boolean } = {}) => (
    <label className="field">
      <span>{label}</span>
      <input className="input" type={opts.type ?? 'text'} value={value} onChange={(e) => set(e.target.value)} required={opts.required} data-autofocus={opts.autoFocus || undefined} aria-label={label} />
    </label>
  );

  return (
    <Dialog title={titles[action.kind]} onClose={onClose}>
      <form className="stack" onSubmit={submit}>
        {action.kind === 'report' && (
          <>
            {text('What is wrong', a, setA, { required: true, autoFocus: true })}
            <label className="field">
              <span>Severity</span>
              <select className="select" value={severity} onChange={(e) => setSeverity(e.target.value as DefectSeverity)} aria-label="Severity">
                <option value="minor">Minor — can drive, fix soon</option>
                <option value="major">Major — fix this week</option>
                <option value="critical">Critical — grounds the van</option>
              </select>
            </label>
          </>
        )}
        {action.kind === 'repair' && (
          <>
            <p className="muted">#{action.defect.id} {action.defect.description}</p>
            {text('Shop', a, setA, { required: true, autoFocus: true })}
            {text('Expected back', b, setB, { type: 'date', required: true })}
          </>
        )}
        {action.kind === 'resolve' && (
          <>
            <p className="muted">#{action.defect.id} {action.defect.description}</p>
            {text('What was done', a, setA, { autoFocus: true })}
            {text('Cost ($)', c, setC, { type: 'number' })}
            {text('Invoice reference', b, setB)}
          </>
        )}
        {action.kind === 'release' && (
          <>
            <p className="muted">The van goes back into service. Refused while a critical defect is open or a repair is under way.</p>
            {text('Note', a, setA, { autoFocus: true })}
          </>
        )}
        {action.kind === 'doc' && (
          <>
            {text(action.doc === 'rental_return' ? 'Return date' : 'Expires on', b, setB, { type: 'date', autoFocus: true })}
            {text('Reference', a, setA)}
          </>
        )}
        {action.kind === 'service' && (
          <>
            {text('Date', b, setB, { type: 'date', required: true, autoFocus: true })}
            {text('Odometer (mi)', c, setC, { type: 'number' })}
            {text('Note', a, setA)}
          </>
        )}
        {action.kind === 'charge' && (
          <>
            {text('State of charge (%)', c, setC, { type: 'number', required: true, autoFocus: true })}
            {text('Charging bay', b, setB)}
          </>
        )}
        {error && (
          <div className="alert" role="alert">
            {error}
          </div>
        )}
        <div className="row" style={{ justifyContent: 'flex-end' }}>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className={`btn ${action.kind === 'report' && severity === 'critical' ? 'btn-danger' : 'btn-primary'}`} disabled={busy}>
            {busy ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
