import { useState } from 'react';
import { readPickedFile, type PickedFile } from '../../components/FilePicker';
import { errorText } from './actions';

/** A route sheet dropped onto the board: `dragFile` while one is held over it, `onFile` with the read file. */
export function useFileDrop(enabled: boolean, onFile: (file: PickedFile) => Promise<void>, onError: (message: string) => void) {
  const [dragFile, setDragFile] = useState(false);
  const dropProps = enabled
    ? {
        onDragOver: (e: React.DragEvent) => {
          if (!e.dataTransfer.types.includes('Files')) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          if (!dragFile) setDragFile(true);
        },
        onDragLeave: (e: React.DragEvent) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragFile(false);
        },
        onDrop: async (e: React.DragEvent) => {
          if (!e.dataTransfer.types.includes('Files')) return;
          e.preventDefault();
          setDragFile(false);
          const file = e.dataTransfer.files[0];
          if (!file) return;
          if (!/\.(csv|xlsx|txt)$/i.test(file.name)) {
            onError(`${file.name}: a route sheet is a .csv or .xlsx file`);
            return;
          }
          try {
            await onFile(await readPickedFile(file));
          } catch (err) {
            onError(`Cannot read ${file.name}: ${errorText(err)}`);
          }
        },
      }
    : {};
  return { dragFile, dropProps };
}
