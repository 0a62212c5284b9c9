import { addDays } from '../../../shared/station-time';

/** The board's day: a date field, Today and Tomorrow (Alt+← / Alt+→ move a day). */
export function DayNav({ date, today, onChange }: { date: string; today: string; onChange: (date: string) => void }) {
  const tomorrow = addDays(today, 1);
  return (
    <>
      <button type="button" className="btn btn-sm btn-ghost" onClick={() => onChange(addDays(date, -1))} title="Previous day (Alt+←)" aria-label="Previous day">
        ‹
      </button>
      <input type="date" className="input board-date" aria-label="Board date" value={date} onChange={(e) => e.target.value && onChange(e.target.value)} />
      <button type="button" className="btn btn-sm btn-ghost" onClick={() => onChange(addDays(date, 1))} title="Next day (Alt+→)" aria-label="Next day">
        ›
      </button>
      <button type="button" className="btn btn-sm" onClick={() => onChange(today)} disabled={date === today} aria-pressed={date === today}>
        Today
      </button>
      <button type="button" className="btn btn-sm" onClick={() => onChange(tomorrow)} disabled={date === tomorrow} aria-pressed={date === tomorrow}>
        Tomorrow
      </button>
    </>
  );
}
