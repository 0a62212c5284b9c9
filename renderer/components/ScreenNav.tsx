import { useEffect } from 'react';
import { hrefFor, navigate } from '../router';

/** A screen in a console's top bar; `key` is its Alt+<key> shortcut ('' for none). */
export interface NavScreen {
  id: string;
  label: string;
  key: string;
}

/**
 * The top bar's screen links with their Alt+<key> shortcuts, for the desk's console and the head
 * office's. The key is matched by what it types or by its physical code (Alt turns letters and digits
 * into other characters on some layouts and on macOS).
 */
export function ScreenNav({ screens, current }: { screens: readonly NavScreen[]; current: string | undefined }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const s = screens.find((x) => x.key && (x.key === e.key || `Digit${x.key}` === e.code || `Key${x.key.toUpperCase()}` === e.code));
      if (s) {
        e.preventDefault();
        navigate(s.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [screens]);
  return (
    <nav className="nav" aria-label="Screens">
      {screens.map((s) => (
        <a key={s.id} href={hrefFor(s.id)} aria-current={current === s.id ? 'page' : undefined} title={s.key ? `${s.label} (Alt+${s.key})` : s.label}>
          {s.label}
          {s.key && <kbd>{s.key}</kbd>}
        </a>
      ))}
    </nav>
  );
}
