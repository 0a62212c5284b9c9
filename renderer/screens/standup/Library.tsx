import { useState } from 'react';
import { api } from '../../api/client';
import { useCanWrite, useChannel } from '../../api/hooks';
import { useToast } from '../../components/Toasts';

/** The safety-topic library and the training courses: small editable lists. */
export function Library() {
  const canWrite = useCanWrite();
  const toast = useToast();
  const topics = useChannel('standup.topics', {});
  const courses = useChannel('training.courses', {});
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [course, setCourse] = useState('');
  const [validity, setValidity] = useState('365');
  const [mandatory, setMandatory] = useState(true);
  const run = async (label: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
      toast.show(label, { tone: 'ok' });
    } catch (err) {
      toast.error((err as Error).message);
    }
  };
  return (
    <div className="ti-grid">
      <section className="panel panel-pad stack" aria-label="Safety topics">
        <h2>Safety topic library</h2>
        <p className="muted">The stand-up shows the topic shown longest ago, skipping topics shown recently (the station's repeat window, setting standup.topicRepeatDays).</p>
        {canWrite && (
          <form
            className="quick-entry"
            aria-label="Add a safety topic"
            onSubmit={(e) => {
              e.preventDefault();
              void run(`Topic “${title}” added`, () => api('standup.upsertTopic', { title, body })).then(() => {
                setTitle('');
                setBody('');
              });
            }}
          >
            <input className="input" aria-label="Topic title" placeholder="Title" value={title} onChange={(e) => setTitle(e.target.value)} required />
            <input className="input grow" aria-label="What to say" placeholder="What to say" value={body} onChange={(e) => setBody(e.target.value)} />
            <button className="btn btn-primary" type="submit" disabled={!title.trim()}>
              Add topic
            </button>
          </form>
        )}
        <ul className="plain-list">
          {(topics.data ?? []).map((t) => (
            <li key={t.id}>
              <strong>{t.title}</strong> <span className="muted">{t.lastShown ? `last shown ${t.lastShown}` : 'not shown yet'}</span>
              {canWrite && (
                <button className="btn btn-sm btn-ghost" onClick={() => void run(`Topic “${t.title}” archived`, () => api('standup.upsertTopic', { id: t.id, title: t.title, body: t.body, archived: true }))}>
                  Archive
                </button>
              )}
              <div className="muted">{t.body}</div>
            </li>
          ))}
        </ul>
      </section>
      <section className="panel panel-pad stack" aria-label="Training courses">
        <h2>Training courses</h2>
        {canWrite && (
          <form
            className="quick-entry"
            aria-label="Add a course"
            onSubmit={(e) => {
              e.preventDefault();
              void run(`Course “${course}” saved`, () => api('training.upsertCourse', { name: course, validityDays: validity ? Number(validity) : null, mandatory })).then(() => setCourse(''));
            }}
          >
            <input className="input grow" aria-label="Course name" placeholder="Course" value={course} onChange={(e) => setCourse(e.target.value)} required />
            <input className="input" aria-label="Valid for days (empty = once)" placeholder="days (empty = once)" type="number" min={1} value={validity} onChange={(e) => setValidity(e.target.value)} />
            <label className="check">
              <input type="checkbox" checked={mandatory} onChange={(e) => setMandatory(e.target.checked)} /> Mandatory
            </label>
            <button className="btn btn-primary" type="submit" disabled={!course.trim()}>
              Add course
            </button>
          </form>
        )}
        <table className="plain-table">
          <thead>
            <tr>
              <th>Course</th>
              <th>Valid for</th>
              <th>Mandatory</th>
            </tr>
          </thead>
          <tbody>
            {(courses.data ?? []).map((c) => (
              <tr key={c.id}>
                <td>{c.name}</td>
                <td>{c.validityDays ? `${c.validityDays} days` : 'once (never expires)'}</td>
                <td>
                  {canWrite ? (
                    <label className="check">
                      <input
                        type="checkbox"
                        checked={c.mandatory}
                        aria-label={`${c.name} mandatory`}
                        onChange={(e) => void run(`${c.name} ${e.target.checked ? 'is' : 'is no longer'} mandatory`, () => api('training.upsertCourse', { id: c.id, name: c.name, validityDays: c.validityDays, mandatory: e.target.checked }))}
                      />{' '}
                      {c.mandatory ? 'Yes' : 'No'}
                    </label>
                  ) : c.mandatory ? (
                    'Yes'
                  ) : (
                    'No'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
