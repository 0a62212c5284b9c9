import type { ImportIssue } from '../../shared/contract/common';

/**
 * Row errors, all of them, in one pass: importers `push` every problem they find and never stop at
 * the first. A field is named by its key; the list shows the file's own header for it ("Seatbelt
 * Off Rate") or, when the column is absent, the importer's label. Sorted as a person reads the
 * sheet: by row, then left to right.
 */
export interface IssueInput<F extends string> {
  row: number;
  /** A field key of the importer's column spec, or any column name. */
  field: F | (string & {});
  message: string;
}

export interface ColumnNames {
  /** The header to show for a field key (the file's own, else the spec label); undefined when `key` is no field. */
  columnName(key: string): string | undefined;
  /** A field's column index, undefined when the field is absent or `key` is no field. */
  columnIndex(key: string): number | undefined;
}

export class IssueList<F extends string = string> {
  private readonly items: (ImportIssue & { order: number; seq: number })[] = [];

  constructor(private readonly names?: ColumnNames) {}

  push(issue: IssueInput<F>): void {
    const index = this.names?.columnIndex(issue.field);
    const column = this.names?.columnName(issue.field) ?? issue.field;
    this.items.push({ row: issue.row, column, message: issue.message, order: index ?? Number.MAX_SAFE_INTEGER, seq: this.items.length });
  }

  /** Shorthand: `issues.add(row, 'wave', 'is not a time')`. */
  add(row: number, field: IssueInput<F>['field'], message: string): void {
    this.push({ row, field, message });
  }

  get size(): number {
    return this.items.length;
  }

  /** Problems recorded so far for one row (e.g. to skip planning a row that has any). */
  countFor(row: number): number {
    let n = 0;
    for (const i of this.items) if (i.row === row) n++;
    return n;
  }

  list(): ImportIssue[] {
    return [...this.items]
      .sort((a, b) => a.row - b.row || a.order - b.order || a.seq - b.seq)
      .map(({ row, column, message }) => ({ row, column, message }));
  }
}
