import { or, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

/** `%text%` for LIKE with `\` as the escape: `%`, `_` and `\` in the search text match themselves. */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => '\\' + c)}%`;

/**
 * The one search filter of every list: `text` anywhere in any of `columns`, literally (so `100%`
 * finds "100%" and `a_b` does not find "axb"), case-insensitive for ASCII like SQLite's LIKE.
 * Undefined for an empty search (no filter).
 */
export function containsText(text: string | undefined, columns: SQLiteColumn[]): SQL | undefined {
  const q = text?.trim();
  if (!q) return undefined;
  const pattern = likePattern(q);
  return or(...columns.map((c) => sql`${c} LIKE ${pattern} ESCAPE '\\'`));
}
