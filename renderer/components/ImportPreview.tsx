import type { ImportIssue } from '../../shared/contract/common';

/**
 * What an import would do (from a dry run): counts of added / changed / unchanged records, the
 * names involved, and every row-level error (row, column, message). The confirm button only
 * appears when there are no errors, since imports are all or nothing.
 */
export function ImportPreview({
  fileName,
  noun = 'records',
  added,
  changed,
  unchanged,
  errors,
  busy,
  onConfirm,
  onCancel,
}: {
  fileName: string;
  noun?: string;
  added: string[];
  changed: string[];
  unchanged?: number;
  errors: ImportIssue[];
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const hasErrors = errors.length > 0;
  const nothing = !hasErrors && added.length === 0 && changed.length === 0;
  return (
    <div className="import-preview stack">
      <p className="muted">
        Preview of <strong>{fileName}</strong>. Nothing is saved until you confirm.
      </p>
      <div className="import-counts" data-testid="import-counts">
        <div className="stat">
          <div className="v ok">{added.length}</div>
          <div className="l">Added</div>
        </div>
        <div className="stat">
          <div className="v info">{changed.length}</div>
          <div className="l">Changed</div>
        </div>
        {unchanged !== undefined && (
          <div className="stat">
            <div className="v">{unchanged}</div>
            <div className="l">Unchanged</div>
          </div>
        )}
        <div className="stat">
          <div className={`v${hasErrors ? ' bad' : ''}`}>{errors.length}</div>
          <div className="l">Errors</div>
        </div>
      </div>
      {hasErrors ? (
        <>
          <div className="alert" role="alert">
            The file has {errors.length} {errors.length === 1 ? 'problem' : 'problems'}. Nothing will be imported until the file is fixed (imports are all or nothing).
          </div>
          <div className="scroll-box">
            <table className="plain-table" aria-label="Import errors">
              <thead>
                <tr>
                  <th style={{ width: 60 }}>Row</th>
                  <th style={{ width: 160 }}>Column</th>
                  <th>Problem</th>
                </tr>
              </thead>
              <tbody>
                {errors.map((e, i) => (
                  <tr key={i}>
                    <td className="num">{e.row || '—'}</td>
                    <td>{e.column || '—'}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <>
          {added.length > 0 && <NameList title={`New ${noun}`} names={added} />}
          {changed.length > 0 && <NameList title={`Changed ${noun}`} names={changed} />}
          {nothing && <div className="alert alert-info">Everything in this file is already on the desk; there is nothing to import.</div>}
        </>
      )}
      <div className="row" style={{ justifyContent: 'flex-end' }}>
        <button type="button" className="btn" onClick={onCancel}>
          {hasErrors ? 'Close' : 'Cancel'}
        </button>
        {!hasErrors && !nothing && (
          <button type="button" className="btn btn-primary" onClick={onConfirm} disabled={busy}>
            {busy ? 'Importing…' : `Import ${added.length + changed.length} ${noun}`}
          </button>
        )}
      </div>
    </div>
  );
}

function NameList({ title, names }: { title: string; names: string[] }) {
  const shown = names.slice(0, 60);
  return (
    <div>
      <h3 style={{ marginBottom: 6 }}>
        {title} <span className="muted">({names.length})</span>
      </h3>
      <div className="name-list">
        {shown.map((n, i) => (
          <span key={i} className="tag">
            {n}
          </span>
        ))}
        {names.length > shown.length && <span className="muted">and {names.length - shown.length} more</span>}
      </div>
    </div>
  );
}
