import { useCallback, useId, useState, type ReactNode } from 'react';
import { ApiError } from '../api/client';

/**
 * Form fields that show the server's field errors beside the field.
 *
 *   const form = useForm(initialValues);
 *   <TextField label="VIN" {...form.bind('vin')} />
 *   <button onClick={() => form.submit((v) => api('fleet.upsert', v))}>Save</button>
 *
 * `submit` runs the call; on an ApiError it maps `issues[].path` (the input field, e.g. "vin" or
 * "qualifications.0") to the field's error and keeps a form-level message for everything else.
 */
export function issuesByField(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (err instanceof ApiError) {
    for (const i of err.issues) {
      const key = i.path.split('.')[0] ?? i.path;
      if (!(key in out)) out[key] = i.message;
    }
  }
  return out;
}

export interface FormState<T extends object> {
  values: T;
  set<K extends keyof T>(key: K, value: T[K]): void;
  setValues(v: T): void;
  errors: Record<string, string>;
  /** Message not tied to one field (e.g. a conflict), or the first field error summarised. */
  formError: string | null;
  busy: boolean;
  bind<K extends keyof T & string>(key: K): { name: K; value: T[K]; onChange: (v: T[K]) => void; error: string | undefined };
  submit<R>(fn: (values: T) => Promise<R>): Promise<R | undefined>;
}

export function useForm<T extends object>(initial: T): FormState<T> {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = useCallback(<K extends keyof T>(key: K, value: T[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => {
      if (!(key in e)) return e;
      const { [key as string]: _gone, ...rest } = e;
      return rest;
    });
  }, []);
  const submit = async <R,>(fn: (values: T) => Promise<R>): Promise<R | undefined> => {
    setBusy(true);
    setFormError(null);
    try {
      const r = await fn(values);
      setErrors({});
      return r;
    } catch (err) {
      const byField = issuesByField(err);
      setErrors(byField);
      const n = Object.keys(byField).length;
      setFormError(n > 0 ? `Please correct ${n === 1 ? 'the field' : `${n} fields`} marked below.` : err instanceof Error ? err.message : String(err));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return {
    values,
    set,
    setValues,
    errors,
    formError,
    busy,
    bind: (key) => ({ name: key, value: values[key], onChange: (v) => set(key, v), error: errors[key] }),
    submit,
  };
}

interface FieldProps {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  required?: boolean;
  className?: string;
}

/** Label + control + hint + error, wired with ids for screen readers. */
export function Field({ label, error, hint, required, className, children }: FieldProps & { children: (ids: { id: string; describedBy: string | undefined }) => ReactNode }) {
  const id = useId();
  const errId = `${id}-err`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errId : '', hint ? hintId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <span className="req" aria-hidden="true">*</span>}
      </label>
      {children({ id, describedBy })}
      {error && (
        <div className="field-error" id={errId} role="alert">
          {error}
        </div>
      )}
      {hint && !error && (
        <div className="hint" id={hintId}>
          {hint}
        </div>
      )}
    </div>
  );
}

type Bound<V> = FieldProps & { name: string; value: V; onChange: (v: V) => void; autoFocus?: boolean; disabled?: boolean };

/** What every bound control carries: id and name, disabled/autofocus, and the ARIA wiring to its hint and error. */
function controlProps<V>(p: Bound<V>, ids: { id: string; describedBy: string | undefined }) {
  return {
    id: ids.id,
    name: p.name,
    disabled: p.disabled,
    autoFocus: p.autoFocus,
    'aria-invalid': p.error ? true : undefined,
    'aria-describedby': ids.describedBy,
  } as const;
}

export function TextField({ mono, placeholder, type = 'text', maxLength, ...p }: Bound<string> & { mono?: boolean; placeholder?: string; type?: string; maxLength?: number }) {
  return (
    <Field {...p}>
      {(ids) => (
        <input
          {...controlProps(p, ids)}
          className={`input${mono ? ' mono' : ''}`}
          type={type}
          value={p.value ?? ''}
          placeholder={placeholder}
          maxLength={maxLength}
          onChange={(e) => p.onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

export function TextAreaField(p: Bound<string>) {
  return (
    <Field {...p}>
      {(ids) => (
        <textarea
          {...controlProps(p, ids)}
          className="textarea"
          value={p.value ?? ''}
          onChange={(e) => p.onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

/** A date as YYYY-MM-DD, or null when empty. */
export function DateField(p: Bound<string | null>) {
  return (
    <Field {...p}>
      {(ids) => (
        <input
          {...controlProps(p, ids)}
          className="input"
          type="date"
          value={p.value ?? ''}
          onChange={(e) => p.onChange(e.target.value || null)}
        />
      )}
    </Field>
  );
}

/** A number, or null when empty. */
export function NumberField({ min, max, step, ...p }: Bound<number | null> & { min?: number; max?: number; step?: number }) {
  return (
    <Field {...p}>
      {(ids) => (
        <input
          {...controlProps(p, ids)}
          className="input num"
          type="number"
          inputMode="decimal"
          min={min}
          max={max}
          step={step}
          value={p.value ?? ''}
          onChange={(e) => p.onChange(e.target.value === '' ? null : Number(e.target.value))}
        />
      )}
    </Field>
  );
}

export function SelectField<V extends string>({ options, ...p }: Bound<V> & { options: readonly { value: V; label: string }[] }) {
  return (
    <Field {...p}>
      {(ids) => (
        <select
          {...controlProps(p, ids)}
          className="select"
          value={p.value}
          onChange={(e) => p.onChange(e.target.value as V)}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A set of checkboxes for a multi-choice list (qualifications…). */
export function CheckboxGroup<V extends string>({ options, ...p }: Bound<V[]> & { options: readonly { value: V; label: string }[] }) {
  const gid = useId();
  const value = p.value ?? [];
  return (
    <div className={`field ${p.className ?? ''}`} role="group" aria-labelledby={gid}>
      <span className="label" id={gid}>
        {p.label}
      </span>
      <div className="checks">
        {options.map((o) => (
          <label key={o.value} className="check">
            <input
              type="checkbox"
              name={`${p.name}.${o.value}`}
              checked={value.includes(o.value)}
              disabled={p.disabled}
              onChange={(e) => p.onChange(e.target.checked ? [...value, o.value] : value.filter((x) => x !== o.value))}
            />
            {o.label}
          </label>
        ))}
      </div>
      {p.error && (
        <div className="field-error" role="alert">
          {p.error}
        </div>
      )}
    </div>
  );
}

/** One yes/no checkbox (electric, …). */
export function CheckboxField({ text, ...p }: Bound<boolean> & { text: string }) {
  return (
    <Field {...p}>
      {(ids) => (
        <label className="check">
          <input {...controlProps(p, ids)} type="checkbox" checked={!!p.value} onChange={(e) => p.onChange(e.target.checked)} />
          {text}
        </label>
      )}
    </Field>
  );
}
