import { useEffect } from 'react';

const isTyping = (t: EventTarget | null) => {
  const el = t as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
};

/** Ctrl+Z undoes, Ctrl+Shift+Z or Ctrl+Y redoes: not while typing, nor while a dialog or the picker is open. */
export function useUndoKeys(doUndo: (redo: boolean) => void, canWrite: boolean): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || isTyping(e.target)) return;
      if (document.querySelector('.backdrop, .picker-layer')) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) {
        e.preventDefault();
        if (canWrite) void doUndo(false);
      } else if ((k === 'z' && e.shiftKey) || k === 'y') {
        e.preventDefault();
        if (canWrite) void doUndo(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [doUndo, canWrite]);
}
