import { useCallback } from 'react';
import { api } from '../../api/client';
import { useToast } from '../Toasts';
import type { PickedFile } from '../FilePicker';

/**
 * Import Amazon's Cortex route list as progress, with the answer in a toast; and a drop handler
 * that sends a file the table reader recognises as the Cortex route list to that import (anything
 * else goes to `otherwise`, e.g. the board's route-sheet import).
 */
export function useProgressImport() {
  const toast = useToast();
  const importProgress = useCallback(
    async (file: PickedFile, date?: string) => {
      try {
        const res = await api('progress.import', { ...file, ...(date ? { date } : {}) });
        if (!res.ok) {
          const e = res.errors[0];
          toast.error(`Progress not imported, nothing written: ${e ? `${e.row ? `row ${e.row}, ` : ''}${e.column ? `${e.column}: ` : ''}${e.message}` : 'no rows'}${res.errors.length > 1 ? ` (+${res.errors.length - 1} more)` : ''}`);
          return;
        }
        const rescues = res.rescues.filter((r) => r.recorded === 'new').length;
        toast.show(
          `Progress of ${res.routes} routes imported (${res.date}): ${res.behind.length} behind` +
            (res.skippedOtherDsp ? `, ${res.skippedOtherDsp} rows of other DSPs skipped` : '') +
            (rescues ? `, ${rescues} rescue${rescues === 1 ? '' : 's'} recorded from the list` : '') +
            (res.returned.length ? `, ${res.returned.length} complete route${res.returned.length === 1 ? '' : 's'} marked back` : ''),
          { tone: 'ok' },
        );
      } catch (err) {
        toast.error(`Progress import: ${(err as Error).message}`);
      }
    },
    [toast],
  );
  const routeDrop = useCallback(
    async (file: PickedFile, otherwise: (file: PickedFile) => void) => {
      try {
        const r = await api('progress.recognise', file);
        if (r.export === 'cortex-route-list') return void (await importProgress(file));
      } catch {
        // Not recognised: the other import says why.
      }
      otherwise(file);
    },
    [importProgress],
  );
  return { importProgress, routeDrop };
}
