import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

/**
 * Short notices in the bottom-right corner. `toast.show('Van 12 archived', { tone: 'ok', undo })`
 * adds an Undo button that runs `undo` and dismisses the toast. Toasts leave after 6 s (10 s with undo).
 */
export interface ToastOptions {
  tone?: 'ok' | 'bad' | 'info';
  undo?: () => void | Promise<void>;
  ms?: number;
}
interface ToastItem extends ToastOptions {
  id: number;
  message: string;
}
interface ToastApi {
  show(message: string, opts?: ToastOptions): void;
  error(message: string): void;
}

const ToastContext = createContext<ToastApi>({ show: () => {}, error: () => {} });
export const useToast = () => useContext(ToastContext);

export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setItems((xs) => xs.filter((x) => x.id !== id)), []);
  const show = useCallback(
    (message: string, opts: ToastOptions = {}) => {
      const id = next.current++;
      setItems((xs) => [...xs.slice(-3), { id, message, ...opts }]);
      setTimeout(() => dismiss(id), opts.ms ?? (opts.undo ? 10_000 : 6_000));
    },
    [dismiss],
  );
  const api = useMemo<ToastApi>(() => ({ show, error: (m) => show(m, { tone: 'bad', ms: 9_000 }) }), [show]);
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toasts" aria-live="polite">
        {items.map((t) => (
          <div key={t.id} className={`toast ${t.tone ?? 'info'}`} role={t.tone === 'bad' ? 'alert' : 'status'}>
            <span className="msg">{t.message}</span>
            {t.undo && (
              <button
                type="button"
                className="btn-undo"
                onClick={() => {
                  dismiss(t.id);
                  void t.undo?.();
                }}
              >
                Undo
              </button>
            )}
            <button type="button" className="close" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
