import { useState } from 'react';
import { api } from '../../api/client';
import { useCanWrite, useChannel } from '../../api/hooks';
import { useDayFollowingToday } from '../../api/stationDay';
import { useToast } from '../../components/Toasts';
import { INCIDENT_SEVERITIES, INCIDENT_TYPES, INCIDENT_TYPE_LABEL, type IncidentSeverity, type IncidentType } from '../../../shared/rules/scorecards/coaching';
import { DriverLink, TrainingStateChip } from './common';


export function TrainingIncidents() {
  const canWrite = useCanWrite();
  const status = useChannel('training.status', {});
  const incidents = useChannel('incidents.list', {});
  const attention = (status.data ?? []).filter((s) => s.state !== 'valid');
  return (
    <div className="screen-body ti-grid">
      <section className="panel panel-pad stack" aria-label="Training">
        <h2>Training — due and expired</h2>
        {canWrite && <TrainingEntry />}
        {attention.length === 0 ? (
          <p className="muted">Everyone's training is current.</p>
        ) : (
          <table className="plain-table" data-testid="training-attention">
            <thead>
              <tr>
                <th>Driver</th>
                <th>Course</th>
                <th>Completed</th>
                <th>Expires</th>
                <th>State</th>
              </tr>
            </thead>
            <tbody>
              {attention.map((t) => (
                <tr key={`${t.driverId}-${t.courseId}`}>
                  <td>
                    <DriverLink id={t.driverId} name={t.driverName} />
                  </td>
                  <td>
                    {t.courseName}
                    {t.mandatory && <span className="muted"> · mandatory</span>}
                  </td>
                  <td>{t.completedOn ?? '—'}</td>
                  <td>{t.expiresOn ?? '—'}</td>
                  <td>
                    <TrainingStateChip state={t.state} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel panel-pad stack" aria-label="Incidents">
        <h2>Incidents</h2>
        {canWrite && <IncidentEntry />}
        <table className="plain-table" data-testid="incidents">
          <thead>
            <tr>
              <th>Date</th>
              <th>Type</th>
              <th>Driver</th>
              <th>Van / route</th>
              <th>Severity</th>
              <th>Status</th>
              <th>Description</th>
            </tr>
          </thead>
          <tbody>
            {(incidents.data ?? []).map((i) => (
              <tr key={i.id}>
                <td className="nowrap">{i.date}</td>
                <td>{INCIDENT_TYPE_LABEL[i.type]}</td>
                <td>{i.driverId ? <DriverLink id={i.driverId} name={i.driverName ?? ''} /> : '—'}</td>
                <td>{[i.vanName, i.routeCode].filter(Boolean).join(' · ') || '—'}</td>
                <td>
                  <span className={`chip ${i.severity === 'high' || i.severity === 'critical' ? 'chip-bad' : i.severity === 'medium' ? 'chip-warn' : 'chip-neutral'}`}>{i.severity}</span>
                </td>
                <td>{i.status}</td>
                <td>{i.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

function useDrivers() {
  return useChannel('roster.list', {}).data ?? [];
}

function TrainingEntry() {
  const toast = useToast();
  const drivers = useDrivers();
  const courses = useChannel('training.courses', {}).data ?? [];
  const [driverId, setDriverId] = useState('');
  const [courseId, setCourseId] = useState('');
  const [date, setDate] = useDayFollowingToday();
  const save = async () => {
    try {
      const r = await api('training.record', { driverId: Number(driverId), courseId: Number(courseId), completedOn: date });
      toast.show(`${r.courseName} recorded for ${r.driverName}${r.expiresOn ? `; valid until ${r.expiresOn}` : ''}`, { tone: 'ok' });
      setDriverId('');
    } catch (err) {
      toast.error((err as Error).message);
    }
  };
  return (
    <form
      className="quick-entry"
      aria-label="Record training"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <select className="select" aria-label="Driver" value={driverId} onChange={(e) => setDriverId(e.target.value)} required>
        <option value="">Driver…</option>
        {drivers.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </select>
      <select className="select" aria-label="Course" value={courseId} onChange={(e) => setCourseId(e.target.value)} required>
        <option value="">Course…</option>
        {courses.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
            {c.validityDays ? ` (${c.validityDays} d)` : ' (once)'}
          </option>
        ))}
      </select>
      <input className="input" type="date" aria-label="Completed on" value={date} onChange={(e) => setDate(e.target.value)} required />
      <button className="btn btn-primary" type="submit" disabled={!driverId || !courseId || !date}>
        Record training
      </button>
    </form>
  );
}

function IncidentEntry() {
  const toast = useToast();
  const drivers = useDrivers();
  const [type, setType] = useState<IncidentType>('collision');
  const [date, setDate] = useDayFollowingToday();
  const [driverId, setDriverId] = useState('');
  const [severity, setSeverity] = useState<IncidentSeverity>('low');
  const [description, setDescription] = useState('');
  const save = async () => {
    try {
      const r = await api('incidents.create', { type, date, driverId: driverId ? Number(driverId) : null, severity, description });
      toast.show(`Incident recorded${r.suggestedPlanId ? '; a coaching plan was suggested' : ''}.`, { tone: 'ok' });
      setDescription('');
    } catch (err) {
      toast.error((err as Error).message);
    }
  };
  return (
    <form
      className="quick-entry"
      aria-label="Record an incident"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <select className="select" aria-label="Type" value={type} onChange={(e) => setType(e.target.value as IncidentType)}>
        {INCIDENT_TYPES.map((t) => (
          <option key={t} value={t}>
            {INCIDENT_TYPE_LABEL[t]}
          </option>
        ))}
      </select>
      <input className="input" type="date" aria-label="Date" value={date} onChange={(e) => setDate(e.target.value)} required />
      <select className="select" aria-label="Driver" value={driverId} onChange={(e) => setDriverId(e.target.value)}>
        <option value="">Driver (optional)…</option>
        {drivers.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </select>
      <select className="select" aria-label="Severity" value={severity} onChange={(e) => setSeverity(e.target.value as IncidentSeverity)}>
        {INCIDENT_SEVERITIES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <input className="input grow" aria-label="Description" placeholder="What happened" value={description} onChange={(e) => setDescription(e.target.value)} />
      <button className="btn btn-primary" type="submit" disabled={!date}>
        Record incident
      </button>
    </form>
  );
}
