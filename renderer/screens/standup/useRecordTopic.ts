import { useEffect } from 'react';
import { api } from '../../api/client';
import type { StandupTopic } from '../../../shared/contract/scorecards';

/**
 * Reading the stand-up records nothing; the desk's screen records today's safety topic when it
 * shows it (`standup.recordTopic`), so the history is true and tomorrow picks another. Owners only
 * see the pick. The `changed` event that follows reloads the summary with `recorded: true`.
 */
export function useRecordTopic(summary: { date: string; topic: StandupTopic | null } | undefined, canWrite: boolean, today: string | undefined): void {
  const date = summary?.date;
  const pending = !!summary?.topic && !summary.topic.recorded;
  useEffect(() => {
    if (!canWrite || !pending || !date || date !== today) return;
    // A refusal (the station day moved on meanwhile) changes nothing; the next view records.
    api('standup.recordTopic', { date }).catch(() => undefined);
  }, [canWrite, pending, date, today]);
}
