import type { CellKind } from './cells';
import type { GridRow, Sheet } from './grid';

/**
 * Finding the header row. An importer names the columns it knows (field → label and aliases);
 * headers match case-, space- and punctuation-insensitively ("Route Code", "route_code",
 * "ROUTE-CODE", a cell broken over two lines "Seatbelt Off⏎Rate"). The header is the row, on any
 * sheet and within the first rows, that carries the importer's required columns and the most of
 * the others.
 */
export interface ColumnSpec {
  /** The column's usual header, used in messages. */
  label: string;
  /** Other headers meaning the same, in order of preference (the first present wins). */
  aliases: readonly string[];
  required?: boolean;
  /** How to read Excel-typed values (a wave as a day fraction, a date as a serial number). */
  kind?: CellKind;
}
/** Field → column spec. Keys are optional so one field set can serve several specs (see `columnsByExport`). */
export type ColumnSpecs<F extends string> = { readonly [K in F]?: ColumnSpec };

/** The spec's fields that have a column spec. */
export const specFields = <F extends string>(specs: ColumnSpecs<F>): F[] => (Object.keys(specs) as F[]).filter((f) => specs[f] !== undefined);

const normalized = new Map<string, string>();

export function normalizeHeader(h: string): string {
  let n = normalized.get(h);
  if (n !== undefined) return n;
  const s = h.replace(/^\uFEFF/, '').toLowerCase();
  // A header of punctuation only ("#") is still a name.
  n = s.replace(/[^\p{L}\p{N}+]/gu, '') || s.replace(/\s+/g, '');
  // Headers repeat across sheets, delimiters and specs: remember them (bounded: cell texts pass here too).
  if (normalized.size > 20_000) normalized.clear();
  normalized.set(h, n);
  return n;
}

/** A header cell as a person reads it: line breaks and runs of spaces become one space. */
export const displayHeader = (h: string) => h.replace(/\s+/g, ' ').trim();

export interface HeaderMatch<F extends string> {
  /** Field → column index (0 = A). */
  columns: Partial<Record<F, number>>;
  matched: number;
  missingRequired: F[];
}

const NAMES = new WeakMap<object, { fields: string[]; names: string[][] }>();

/** A spec's fields and their normalised names (label first), worked out once per spec object. */
function specNames<F extends string>(specs: ColumnSpecs<F>): { fields: F[]; names: string[][] } {
  let v = NAMES.get(specs);
  if (!v) {
    const fields = specFields(specs);
    v = { fields, names: fields.map((f) => [specs[f]!.label, ...specs[f]!.aliases].map(normalizeHeader)) };
    NAMES.set(specs, v);
  }
  return v as { fields: F[]; names: string[][] };
}

/**
 * Each field takes the first free column matching its label, then its aliases in order; labels are
 * placed before any alias so that one field's alias never steals another field's own column.
 */
export function matchHeader<F extends string>(headers: readonly string[], specs: ColumnSpecs<F>): HeaderMatch<F> {
  const norm = headers.map(normalizeHeader);
  const { fields, names } = specNames(specs);
  const columns: Partial<Record<F, number>> = {};
  const claimed = new Set<number>();
  const rounds = Math.max(...names.map((n) => n.length));
  for (let r = 0; r < rounds; r++) {
    fields.forEach((f, i) => {
      const name = names[i]![r];
      if (columns[f] !== undefined || !name) return;
      for (let c = 0; c < norm.length; c++) {
        if (norm[c] === name && !claimed.has(c)) {
          columns[f] = c;
          claimed.add(c);
          return;
        }
      }
    });
  }
  const missingRequired = fields.filter((f) => specs[f]!.required && columns[f] === undefined);
  return { columns, matched: Object.keys(columns).length, missingRequired };
}

export interface HeaderOptions<F extends string> {
  /** Rows (non-blank) searched per sheet for the header. */
  searchRows?: number;
  /** Groups of fields of which at least one must be present, e.g. [['transporterId', 'name']]. */
  requireOneOf?: readonly (readonly F[])[];
  /** Read only this sheet (by name, case-insensitive). */
  sheet?: string;
}

export interface HeaderFound<F extends string> {
  sheet: Sheet;
  /** Index of the header row in `sheet.rows`. */
  at: number;
  row: GridRow;
  match: HeaderMatch<F>;
  acceptable: boolean;
}

const oneOfMissing = <F extends string>(m: HeaderMatch<F>, groups: readonly (readonly F[])[]) =>
  groups.filter((g) => !g.some((f) => m.columns[f] !== undefined));

/** Row texts as header candidates. */
export const rowTexts = (row: GridRow) => row.cells.map((c) => c.text);

/**
 * The best header candidate over all sheets (visible sheets before hidden ones on a tie), and
 * whether it is acceptable: all required columns, every one-of group, and at least one known
 * column (two when nothing is required, so one stray word is not a header).
 */
export function findHeader<F extends string>(sheets: readonly Sheet[], specs: ColumnSpecs<F>, opts: HeaderOptions<F> = {}): HeaderFound<F> | null {
  const limit = opts.searchRows ?? 30;
  const groups = opts.requireOneOf ?? [];
  const fields = specFields(specs);
  const anyRequired = fields.some((f) => specs[f]!.required);
  const minMatched = Math.min(fields.length, anyRequired ? 1 : 2);
  let best: (HeaderFound<F> & { score: number }) | null = null;
  const ordered = [...sheets].sort((a, b) => Number(!!a.hidden) - Number(!!b.hidden) || a.index - b.index);
  for (const sheet of ordered) {
    if (opts.sheet && sheet.name.toLowerCase() !== opts.sheet.toLowerCase()) continue;
    const n = Math.min(limit, sheet.rows.length);
    for (let at = 0; at < n; at++) {
      const row = sheet.rows[at]!;
      const match = matchHeader(rowTexts(row), specs);
      if (match.matched === 0) continue;
      const groupsMissing = oneOfMissing(match, groups).length;
      const acceptable = match.missingRequired.length === 0 && groupsMissing === 0 && match.matched >= minMatched;
      const score = (acceptable ? 1e6 : 0) - match.missingRequired.length * 1000 - groupsMissing * 1000 + match.matched;
      if (!best || score > best.score) best = { sheet, at, row, match, acceptable, score };
    }
  }
  if (!best) return null;
  const { score: _score, ...found } = best;
  return found;
}
