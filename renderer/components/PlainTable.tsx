import type { ReactNode } from 'react';

/** A column heading: its words, and whether it holds numbers (right-aligned). An empty label is a spare column. */
export type PlainColumn = string | { label: string; num?: boolean; width?: number };

/**
 * The small read-only tables of dialogs and panels (import previews, errors, lists): a labelled
 * `plain-table` with one header row, optionally in a scroll box. The rows are the caller's `<tr>`s.
 */
export function PlainTable({ label, columns, scroll, boxClass, testId, children }: { label: string; columns: readonly PlainColumn[]; scroll?: boolean; boxClass?: string; testId?: string; children: ReactNode }) {
  const table = (
    <table className="plain-table" aria-label={label} data-testid={testId}>
      <thead>
        <tr>
          {columns.map((c, i) => {
            const col = typeof c === 'string' ? { label: c } : c;
            return (
              <th key={i} className={col.num ? 'num' : undefined} style={col.width ? { width: col.width } : undefined}>
                {col.label}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
  return scroll ? <div className={boxClass ? `scroll-box ${boxClass}` : 'scroll-box'}>{table}</div> : table;
}
