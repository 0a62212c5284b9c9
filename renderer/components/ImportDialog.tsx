import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { ImportIssue } from '../../shared/contract/common';
import { Dialog } from './Dialog';
import { FilePicker, type PickedFile } from './FilePicker';
import { useFileDrop } from './useFileDrop';
import { PlainTable } from './PlainTable';
import { useToast } from './Toasts';

/** Kinds of rows the table reader skips (electron/import: title, legend, blank, repeated header, totals). */
export const SKIP_KINDS = ['title', 'legend', 'blank', 'repeatedHeader', 'total'] as const;
export type SkipKind = (typeof SKIP_KINDS)[number];
const SKIP_WORDS: Record<SkipKind, [string, string]> = {
  title: ['title row', 'title rows'],
  legend: ['legend row', 'legend rows'],
  blank: ['blank row', 'blank rows'],
  repeatedHeader: ['repeated header', 'repeated headers'],
  total: ['total row', 'total rows'],
};

/** A column the file has and the import does not use: its header (and spreadsheet letter when known). */
export type IgnoredColumn = string | { header: string; letter?: string };

/** What a dry run says, in the dialog's terms (each import maps its own answer to this). */
export interface ImportSummary {
  added: number;
  changed: number;
  unchanged?: number;
  removed?: number;
  /** Names to list under the counts (the counts stay the numbers above). */
  addedNames?: readonly string[];
  changedNames?: readonly string[];
  removedNames?: readonly string[];
  errors: readonly ImportIssue[];
  /** Rows the reader skipped, by kind, and the columns it did not use, when the import reports them. */
  skipped?: Partial<Record<SkipKind, number>>;
  ignoredColumns?: readonly IgnoredColumn[];
  /** Things read but worth a look (they do not stop the import): row, column, what. */
  warnings?: readonly ImportIssue[];
}

const isObject = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);

type ReaderNotes = Pick<ImportSummary, 'skipped' | 'ignoredColumns' | 'warnings'>;
const isIssue = (x: unknown): x is ImportIssue => isObject(x) && typeof x.row === 'number' && typeof x.message === 'string';

/**
 * The skipped rows, ignored columns and warnings an import answer carries, wherever it carries
 * them: at the top (`skipped`, `ignoredColumns`, `warnings`) or in the reader's summary (`read`).
 * Anything else: nothing.
 */
export function readerNotes(answer: unknown): ReaderNotes {
  if (!isObject(answer)) return {};
  const read = isObject(answer.read) ? answer.read : {};
  const skippedIn = answer.skipped ?? read.skipped;
  const ignoredIn = answer.ignoredColumns ?? read.ignoredColumns;
  const warningsIn = answer.warnings ?? read.warnings;
  const out: ReaderNotes = {};
  if (Array.isArray(warningsIn)) out.warnings = warningsIn.filter(isIssue);
  if (isObject(skippedIn)) {
    const skipped: Partial<Record<SkipKind, number>> = {};
    for (const k of SKIP_KINDS) if (typeof skippedIn[k] === 'number' && Number.isFinite(skippedIn[k])) skipped[k] = skippedIn[k];
    out.skipped = skipped;
  }
  if (Array.isArray(ignoredIn)) {
    out.ignoredColumns = ignoredIn.flatMap((c): IgnoredColumn[] =>
      typeof c === 'string' ? [c] : isObject(c) && typeof c.header === 'string' ? [{ header: c.header, letter: typeof c.letter === 'string' ? c.letter : undefined }] : [],
    );
  }
  return out;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "2 title rows, 1 blank row", or '' when nothing was skipped. */
export function skippedWords(skipped: Partial<Record<SkipKind, number>> | undefined): string {
  if (!skipped) return '';
  return SKIP_KINDS.filter((k) => (skipped[k] ?? 0) > 0)
    .map((k) => plural(skipped[k]!, ...SKIP_WORDS[k]))
    .join(', ');
}

const columnName = (c: IgnoredColumn) => (typeof c === 'string' ? c || '(unnamed)' : `${c.header || '(unnamed)'}${c.letter ? ` (${c.letter})` : ''}`);

export interface ImportDialogProps<R extends { ok: boolean }> {
  title: string;
  /** Plural noun of what is imported: "drivers", "routes". */
  noun: string;
  /** File extensions without dots, e.g. ['csv', 'xlsx']. */
  extensions: string[];
  /** Which file to pick, above the picker. */
  about?: ReactNode;
  /** A file picked before the dialog opened (a toolbar picker, a drop onto the screen): checked at once. */
  initialFile?: PickedFile | null;
  /** More inputs the import needs (e.g. the scorecard's week), above the preview. */
  options?: ReactNode;
  /** When this changes the dry run runs again (the options' values). */
  optionsKey?: string;
  /** False while the options are not usable yet: no dry run until they are. */
  ready?: boolean;
  /** The import channel: a dry run (`dryRun` true) previews, false imports. */
  run: (file: PickedFile, dryRun: boolean) => Promise<R>;
  summarize: (answer: R) => ImportSummary;
  /** What else this import's preview shows (below the counts and errors). */
  details?: (answer: R) => ReactNode;
  /** The confirm button's words; default "Import N <noun>" (or "Remove N <noun>" when only removals). */
  confirmLabel?: (answer: R, summary: ImportSummary) => string;
  /** The toast after a real import. */
  doneText: (answer: R) => string;
  onDone?: (answer: R) => void;
  onClose: () => void;
}

type Phase = 'idle' | 'checking' | 'importing';

/**
 * Every import's dialog: pick or drop a file, a dry run by the import's own channel, the preview
 * (counts added / changed / unchanged / removed, every row error with its row and column, skipped
 * rows and ignored columns when the answer has them), then confirm. Confirm stays disabled, with
 * the reason beside it, while the file has errors or nothing would change. Enter confirms when
 * allowed, Esc closes. The preview is the service's answer: the console never parses the file.
 */
export function ImportDialog<R extends { ok: boolean }>(props: ImportDialogProps<R>) {
  const { title, noun, extensions, about, initialFile, options, optionsKey = '', ready = true, summarize, details, confirmLabel, doneText, onDone, onClose } = props;
  const toast = useToast();
  const reasonId = useId();
  const [file, setFile] = useState<PickedFile | null>(initialFile ?? null);
  const [answer, setAnswer] = useState<R | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [error, setError] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  // The latest `run` (callers pass a new closure each render); `seq` drops answers to older requests.
  const run = useRef(props.run);
  run.current = props.run;
  const seq = useRef(0);

  const check = useCallback(async (f: PickedFile) => {
    const mine = ++seq.current;
    setPhase('checking');
    setError(null);
    setAnswer(null);
    try {
      const a = await run.current(f, true);
      if (mine === seq.current) setAnswer(a);
    } catch (err) {
      if (mine === seq.current) setError(`Cannot check ${f.fileName}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      if (mine === seq.current) setPhase('idle');
    }
  }, []);

  useEffect(() => {
    if (file && ready) void check(file);
    else setAnswer(null);
  }, [file, ready, optionsKey, check]);

  const summary = answer ? summarize(answer) : null;
  const errors = summary?.errors ?? [];
  const changes = summary ? summary.added + summary.changed + (summary.removed ?? 0) : 0;
  const blocked: string | null =
    phase === 'checking'
      ? 'Checking the file…'
      : phase === 'importing'
        ? null
        : !file
          ? 'Choose a file first.'
          : !answer
            ? ready
              ? null
              : 'Fill in the fields above first.'
            : errors.length > 0
              ? `Fix the ${plural(errors.length, 'problem', 'problems')} in the file first: nothing is imported while any remain.`
              : !answer.ok
                ? 'The file cannot be imported as it is.'
                : changes === 0
                  ? `Nothing to import: everything in this file is already on the desk.`
                  : null;
  const allowed = !!answer && !!summary && blocked === null && phase === 'idle';

  const confirm = async () => {
    if (!file || !allowed) return;
    const mine = ++seq.current;
    setPhase('importing');
    try {
      const a = await run.current(file, false);
      if (mine !== seq.current) return;
      if (!a.ok) {
        setAnswer(a); // the file no longer imports cleanly (something changed meanwhile): show why
        setPhase('idle');
        return;
      }
      toast.show(doneText(a), { tone: 'ok' });
      onDone?.(a);
      onClose();
    } catch (err) {
      if (mine !== seq.current) return;
      setError(`Import failed: ${err instanceof Error ? err.message : String(err)}`);
      setPhase('idle');
    }
  };
  const confirmRefFn = useRef(confirm);
  confirmRefFn.current = confirm;

  // A clean preview takes the focus to Confirm, so Enter imports; Enter elsewhere in the dialog too.
  useEffect(() => {
    if (allowed) confirmRef.current?.focus();
  }, [allowed]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || e.defaultPrevented || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) return;
      const t = e.target as HTMLElement | null;
      if (t?.closest('button, a, input, select, textarea')) return; // they handle Enter themselves
      e.preventDefault();
      void confirmRefFn.current();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // Each pick is a fresh object, so the effect above checks it (the same file picked again too).
  const pick = (f: PickedFile) => setFile(f);
  const { dragFile, dropProps } = useFileDrop(phase !== 'importing', extensions, pick, setError);

  // While the file has errors nothing would be imported, so the button names no number.
  const label =
    summary && answer && errors.length === 0
      ? (confirmLabel?.(answer, summary) ?? (summary.added + summary.changed > 0 ? `Import ${summary.added + summary.changed} ${noun}` : summary.removed ? `Remove ${summary.removed} ${noun}` : 'Import'))
      : 'Import';
  return (
    <Dialog
      title={title}
      variant="wide"
      onClose={onClose}
      footer={
        <>
          {blocked && summary && (
            <span id={reasonId} className="import-blocked muted">
              {blocked}
            </span>
          )}
          <button type="button" className="btn" onClick={onClose}>
            {errors.length > 0 ? 'Close' : 'Cancel'}
          </button>
          <button ref={confirmRef} type="button" className="btn btn-primary" onClick={() => void confirm()} disabled={!allowed} aria-describedby={blocked && summary ? reasonId : undefined}>
            {phase === 'importing' ? `Importing ${noun}…` : label}
          </button>
        </>
      }
    >
      <div className={`import-dialog stack${dragFile ? ' dragging-file' : ''}`} {...dropProps}>
        {about && <div className="muted">{about}</div>}
        <div className="row import-file">
          <FilePicker label={file ? 'Choose another file…' : 'Choose file…'} extensions={extensions} onPick={pick} onError={setError} disabled={phase === 'importing'} className={file ? 'btn' : 'btn btn-primary'} />
          {file ? <span className="mono">{file.fileName}</span> : <span className="muted">or drop it here</span>}
        </div>
        {options}
        {phase !== 'idle' && (
          <div className="import-progress" role="status">
            <progress aria-label={phase === 'checking' ? 'Checking the file' : 'Importing'} />
            <span>{phase === 'checking' ? `Checking ${file?.fileName ?? 'the file'}…` : `Importing ${noun} from ${file?.fileName}…`}</span>
          </div>
        )}
        {error && (
          <div className="alert" role="alert">
            {error}
          </div>
        )}
        {file && answer && summary && <Preview fileName={file.fileName} noun={noun} summary={summary} details={details?.(answer)} />}
      </div>
    </Dialog>
  );
}

function Preview({ fileName, noun, summary, details }: { fileName: string; noun: string; summary: ImportSummary; details: ReactNode }) {
  const { errors } = summary;
  const skipped = skippedWords(summary.skipped);
  const ignored = summary.ignoredColumns ?? [];
  return (
    <div className="import-preview stack" data-testid="import-preview">
      <p className="muted">
        Preview of <strong>{fileName}</strong>. Nothing is saved until you confirm.
      </p>
      <div className="import-counts" data-testid="import-counts">
        <Count v={summary.added} l="Added" tone="ok" />
        <Count v={summary.changed} l="Changed" tone="info" />
        {summary.unchanged !== undefined && <Count v={summary.unchanged} l="Unchanged" />}
        {summary.removed !== undefined && <Count v={summary.removed} l="Removed" tone={summary.removed > 0 ? 'warn' : undefined} />}
        <Count v={errors.length} l="Errors" tone={errors.length > 0 ? 'bad' : undefined} />
        {summary.skipped && <Count v={SKIP_KINDS.reduce((n, k) => n + (summary.skipped?.[k] ?? 0), 0)} l="Skipped rows" />}
      </div>
      {(skipped || ignored.length > 0) && (
        <div className="import-notes" data-testid="import-notes">
          {skipped && <div>Skipped: {skipped}.</div>}
          {ignored.length > 0 && <div>Columns not imported: {ignored.map(columnName).join(', ')}.</div>}
        </div>
      )}
      {summary.warnings && summary.warnings.length > 0 && <Warnings warnings={summary.warnings} />}
      {errors.length > 0 ? (
        <>
          <div className="alert" role="alert">
            The file has {plural(errors.length, 'problem', 'problems')}. Nothing will be imported until the file is fixed (imports are all or nothing).
          </div>
          <PlainTable label="Import errors" scroll columns={[{ label: 'Row', width: 60 }, { label: 'Column', width: 180 }, 'Problem']}>
            {errors.map((e, i) => (
              <tr key={i}>
                <td className="num">{e.row || '—'}</td>
                <td>{e.column || '—'}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </PlainTable>
        </>
      ) : (
        <>
          {summary.addedNames && summary.addedNames.length > 0 && <NameList title={`New ${noun}`} names={summary.addedNames} total={summary.added} />}
          {summary.changedNames && summary.changedNames.length > 0 && <NameList title={`Changed ${noun}`} names={summary.changedNames} total={summary.changed} />}
          {summary.removedNames && summary.removedNames.length > 0 && <NameList title={`Removed ${noun}`} names={summary.removedNames} total={summary.removed ?? summary.removedNames.length} />}
        </>
      )}
      {details}
    </div>
  );
}

/** Warnings a preview lists (the first 30; the rest counted): row, column, what. */
function Warnings({ warnings }: { warnings: readonly ImportIssue[] }) {
  const shown = warnings.slice(0, 30);
  return (
    <div className="alert alert-warn import-warnings" data-testid="import-warnings">
      <strong>{plural(warnings.length, 'thing', 'things')} to check</strong> (imported as shown):
      <ul className="tight-list">
        {shown.map((w, i) => (
          <li key={i}>
            {w.row > 0 && <span className="mono">row {w.row}</span>}
            {w.column && <span className="muted"> · {w.column}</span>}
            {w.row > 0 || w.column ? ': ' : ''}
            {w.message}
          </li>
        ))}
        {warnings.length > shown.length && <li className="muted">and {warnings.length - shown.length} more</li>}
      </ul>
    </div>
  );
}

function Count({ v, l, tone }: { v: number; l: string; tone?: 'ok' | 'info' | 'warn' | 'bad' }) {
  return (
    <div className="stat">
      <div className={`v${tone ? ` ${tone}` : ''}`}>{v}</div>
      <div className="l">{l}</div>
    </div>
  );
}

function NameList({ title, names, total }: { title: string; names: readonly string[]; total: number }) {
  const shown = names.slice(0, 60);
  return (
    <div>
      <h3 style={{ marginBottom: 6 }}>
        {title} <span className="muted">({total})</span>
      </h3>
      <div className="name-list">
        {shown.map((n, i) => (
          <span key={i} className="tag">
            {n}
          </span>
        ))}
        {total > shown.length && <span className="muted">and {total - shown.length} more</span>}
      </div>
    </div>
  );
}
