import { useEffect, useId, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { StationInfo } from '../../../shared/headoffice';
import { lastPushWords, pendingWords, stationLabel } from './model';

/**
 * The station picker in the head office's top bar: "All stations" and every station that pushed,
 * each with its last push and what its desk still holds. A button opening a listbox: Enter, Space
 * or ↓ open it; ↑/↓, Home/End move; Enter picks; Esc closes; Alt+0 opens it from anywhere.
 */
export function StationPicker({ stations, picked, onPick, now }: { stations: StationInfo[]; picked: StationInfo | null; onPick: (code: string | null) => void; now: number }) {
  const [open, setOpen] = useState(false);
  const options: (StationInfo | null)[] = [null, ...stations];
  const [active, setActive] = useState(0);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const id = useId();

  const show = () => {
    setActive(Math.max(0, options.findIndex((o) => (o?.code ?? null) === (picked?.code ?? null))));
    setOpen(true);
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  const choose = (o: StationInfo | null) => {
    onPick(o?.code ?? null);
    close(true);
  };

  useEffect(() => {
    if (open) list.current?.focus();
  }, [open]);
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) close(false);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && (e.key === '0' || e.code === 'Digit0')) {
        e.preventDefault();
        button.current?.focus();
        show();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const onListKey = (e: ReactKeyboardEvent) => {
    const last = options.length - 1;
    const moves: Record<string, number> = { ArrowDown: Math.min(last, active + 1), ArrowUp: Math.max(0, active - 1), Home: 0, End: last };
    if (e.key in moves) {
      e.preventDefault();
      setActive(moves[e.key]!);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      choose(options[active]!);
    } else if (e.key === 'Escape' || e.key === 'Tab') {
      if (e.key === 'Escape') e.preventDefault();
      close(e.key === 'Escape');
    }
  };

  const optionId = (i: number) => `${id}-opt-${i}`;
  return (
    <div className="ho-picker" ref={box}>
      <button
        ref={button}
        type="button"
        className="ho-picker-button"
        aria-haspopup="listbox"
        aria-expanded={open}
        aria-label={`Station: ${picked ? stationLabel(picked) : 'All stations'} (Alt+0 to change)`}
        data-testid="station-picker"
        onClick={() => (open ? close(false) : show())}
        onKeyDown={(e) => {
          if (!open && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
            e.preventDefault();
            show();
          }
        }}
      >
        <span className="ho-picker-label">Station</span>
        <span className="ho-picker-value">{picked ? stationLabel(picked) : 'All stations'}</span>
        <span aria-hidden="true" className="ho-picker-caret">
          ▾
        </span>
      </button>
      {open && (
        <ul ref={list} className="ho-picker-list" role="listbox" aria-label="Stations" tabIndex={-1} aria-activedescendant={optionId(active)} onKeyDown={onListKey}>
          {options.map((o, i) => (
            <li
              key={o?.code ?? ''}
              id={optionId(i)}
              role="option"
              aria-selected={(o?.code ?? null) === (picked?.code ?? null)}
              className={i === active ? 'active' : undefined}
              data-station={o?.code ?? ''}
              onMouseEnter={() => setActive(i)}
              onClick={() => choose(o)}
            >
              {o ? (
                <>
                  <span className="ho-opt-main">
                    <strong>{stationLabel(o)}</strong>
                  </span>
                  <span className="ho-opt-meta">
                    <span title={o.lastPushAt ?? undefined}>{lastPushWords(o.lastPushAt, now)}</span>
                    {' · '}
                    <span className={o.pending > 0 ? 'ho-pending' : undefined}>{pendingWords(o)}</span>
                    {!o.complete && <span className="chip chip-warn">copy arriving</span>}
                  </span>
                </>
              ) : (
                <>
                  <span className="ho-opt-main">
                    <strong>All stations</strong>
                  </span>
                  <span className="ho-opt-meta">
                    {stations.length} station{stations.length === 1 ? '' : 's'} side by side
                  </span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
