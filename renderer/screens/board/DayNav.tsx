/** The board's day: a date field, and a way back to today when another day is shown. */
export function DayNav({ date, today, onChange }: { date: string; today: string; onChange: (date: string) => void }) {
  return (
    <>
      <input
        type="date"
        className="input board-date"
        aria-label="Board date"
        value={date}
        onChange={(e) => e.target.value && onChange(e.target.value)}
      />
      {date !== today && (
        <button type="button" className="btn btn-sm btn-ghost" onClick={() => onChange(today)}>
          Today
        </button>
      )}
    </>
  );
}
