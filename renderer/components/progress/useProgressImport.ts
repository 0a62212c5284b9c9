import { useCallback } from 'react';
import { api } from '../../api/client';
import { useToast } from '../Toasts';
import type { PickedFile } from '../FilePicker';
import type { ProgressRecognised } from '../../../shared/contract/progress';

/**
 * Import Amazon's Cortex route list as progress, with the answer in a toast; and a drop handler that
 * sends a file where `progress.recognise` says by its content and name: a Cortex list with routes
 * under way to that import, the start of the day's files (Day of Ops plan, a Cortex list with nothing
 * started) to `toRoutes` (the board's route-sheet import), and asks (`ask`) when unsure.
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
    async (file: PickedFile, toRoutes: (file: PickedFile) => void, ask: (file: PickedFile, reason: string) => void) => {
      let r: ProgressRecognised;
      try {
        r = await api('progress.recognise', file);
      } catch {
        return void toRoutes(file); // unreadable: the route import says why
      }
      if (r.target === 'progress') await importProgress(file);
      else if (r.target === 'ask') ask(file, r.reason);
      else toRoutes(file);
    },
    [importProgress],
  );
  return { importProgress, routeDrop };
}
