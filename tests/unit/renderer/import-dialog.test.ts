import { describe, expect, it } from 'vitest';
import { readerNotes, skippedWords } from '../../../renderer/components/ImportDialog';

/** What the import dialog takes from an answer about the file's skipped rows and unused columns. */
describe('import dialog: reader notes', () => {
  const read = {
    headerRow: 3,
    ignoredColumns: [
      { index: 4, letter: 'E', header: 'Notes' },
      { index: 7, letter: 'H', header: '' },
    ],
    skipped: { title: 2, legend: 1, blank: 0, repeatedHeader: 1, total: 1 },
  };

  it('reads them from the reader summary (`read`) or from the top of the answer', () => {
    expect(readerNotes({ ok: true, read })).toEqual({
      skipped: { title: 2, legend: 1, blank: 0, repeatedHeader: 1, total: 1 },
      ignoredColumns: [
        { header: 'Notes', letter: 'E' },
        { header: '', letter: 'H' },
      ],
    });
    expect(readerNotes({ ok: true, skipped: { blank: 3 }, ignoredColumns: ['Comments'] })).toEqual({ skipped: { blank: 3 }, ignoredColumns: ['Comments'] });
  });

  it('says nothing when the answer has none, or has something else under those names', () => {
    expect(readerNotes({ ok: true, errors: [] })).toEqual({});
    expect(readerNotes({ ok: false, read: null })).toEqual({});
    // the board's auto-assign answer has a `skipped` list of routes, not counts: no counts come out of it
    expect(readerNotes({ skipped: [{ routeId: 1 }] })).toEqual({});
    expect(readerNotes({ skipped: { title: 'two', blank: Number.NaN }, ignoredColumns: [3, { letter: 'B' }] })).toEqual({ skipped: {}, ignoredColumns: [] });
    expect(readerNotes(null)).toEqual({});
  });

  it('puts skipped rows in words, by kind, leaving out kinds with none', () => {
    expect(skippedWords(read.skipped)).toBe('2 title rows, 1 legend row, 1 repeated header, 1 total row');
    expect(skippedWords({ blank: 1 })).toBe('1 blank row');
    expect(skippedWords({ title: 0 })).toBe('');
    expect(skippedWords(undefined)).toBe('');
  });
});
