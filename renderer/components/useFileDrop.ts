import { useState } from 'react';
import { readPickedFile, type PickedFile } from './FilePicker';

/**
 * A file dropped onto an element: spread `dropProps` on it; `dragFile` is true while a file is held
 * over it; `onFile` gets the read file when its extension is one of `extensions` (without dots), or
 * any file with `extensions` null (the content decides: Amazon's files often come without one).
 */
export function useFileDrop(enabled: boolean, extensions: readonly string[] | null, onFile: (file: PickedFile) => void, onError: (message: string) => void) {
  const [dragFile, setDragFile] = useState(false);
  const accepted = extensions ? new RegExp(`\\.(${extensions.map((e) => e.replace(/[^a-z0-9]/gi, '')).join('|')})$`, 'i') : /(?:)/;
  const dropProps = enabled
    ? {
        onDragOver: (e: React.DragEvent) => {
          if (!e.dataTransfer.types.includes('Files')) return;
          e.preventDefault();
          e.stopPropagation(); // a drop zone inside another (a dialog over the board) keeps the file to itself
          e.dataTransfer.dropEffect = 'copy';
          if (!dragFile) setDragFile(true);
        },
        onDragLeave: (e: React.DragEvent) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragFile(false);
        },
        onDrop: async (e: React.DragEvent) => {
          if (!e.dataTransfer.types.includes('Files')) return;
          e.preventDefault();
          e.stopPropagation();
          setDragFile(false);
          const file = e.dataTransfer.files[0];
          if (!file) return;
          if (extensions && !accepted.test(file.name)) {
            onError(`${file.name}: expected a ${extensions.map((x) => '.' + x).join(' or ')} file`);
            return;
          }
          try {
            onFile(await readPickedFile(file));
          } catch (err) {
            onError(`Cannot read ${file.name}: ${err instanceof Error ? err.message : String(err)}`);
          }
        },
      }
    : {};
  return { dragFile, dropProps };
}
