import type { ImportIssue } from '../../shared/contract/common';
import type { FileKind } from './detect';
import type { TextEncodingName } from './decode';
import type { KnownExport } from './signatures';

/**
 * Why a file cannot be read as the importer's table at all (as opposed to row errors, which are
 * collected). The message is written for the dispatcher; `details` feeds previews and `--json`.
 */
export type RefusalCode =
  | 'empty'
  | 'legacy-xls'
  | 'pdf'
  | 'pdf-no-text'
  | 'archive'
  | 'html'
  | 'binary'
  | 'unreadable'
  | 'no-table'
  | 'wrong-export'
  | 'missing-columns';

export interface RefusalDetails {
  fileKind?: FileKind;
  encoding?: TextEncodingName | null;
  /** The known export the file was recognised as. */
  recognised?: Pick<KnownExport, 'id' | 'name' | 'importUnder'>;
  /** Labels of required columns not found (best candidate row). */
  missing?: string[];
  /** Headers of the best candidate row, as the file writes them. */
  seenHeaders?: string[];
  /** Where those headers were. */
  sheet?: string;
  headerRow?: number;
  /** Why the text may have been mis-decoded. */
  encodingHint?: string;
}

export class ImportRefusal extends Error {
  override readonly name = 'ImportRefusal';
  constructor(
    readonly code: RefusalCode,
    message: string,
    readonly details: RefusalDetails = {},
  ) {
    super(message);
  }

  /** As an import error line (row 0: the file as a whole; row 1 for header problems, as before). */
  toIssue(): ImportIssue {
    const column = this.code === 'missing-columns' ? (this.details.missing ?? []).join(', ') : '';
    return { row: this.details.headerRow ?? (this.code === 'missing-columns' ? 1 : 0), column, message: this.message };
  }
}

export const isImportRefusal = (e: unknown): e is ImportRefusal => e instanceof ImportRefusal;
