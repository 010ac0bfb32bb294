import { joinSplitRecord, joinSplitRecords } from '../../../pipeline/harmonise/read/splitRecords.js';

describe('records split over two rows by a PDF conversion', () => {
  it('joins a wrapped address and the values shifted left into the cells the first row left empty', () => {
    const joined = joinSplitRecord(['LN-2', '21 Beaumont Rise, London,', 'Additional', '03/03/2021', '', ''], ['', 'E9 9ZH', '02/03/2026', '4', '', ''], 6);
    expect(joined).toEqual({ fields: ['LN-2', '21 Beaumont Rise, London, E9 9ZH', 'Additional', '03/03/2021', '02/03/2026', '4'], wrapped: 1, filled: [4, 5] });
    // the continuation may be written without its trailing empty cells
    expect(joinSplitRecord(['LN-2', '21 Beaumont Rise,', 'A', '03/03/2021', ''], ['', 'London E9 9ZH', '02/03/2026'], 5)?.fields).toEqual(['LN-2', '21 Beaumont Rise, London E9 9ZH', 'A', '03/03/2021', '02/03/2026']);
    // an address wrapped alone
    expect(joinSplitRecord(['LN-5', 'Flat 3, Orchard Mansions, 40', 'A', '06/06/2022'], ['', 'Chatsworth Close, London', '', ''], 4)?.fields[1]).toBe('Flat 3, Orchard Mansions, 40 Chatsworth Close, London');
  });

  it('leaves alone every row that has another reading', () => {
    const first = ['LN-2', '21 Beaumont Rise, London,', 'Additional', '03/03/2021', '', ''];
    // a record of its own: its first column is filled
    expect(joinSplitRecord(first, ['LN-3', 'E9 9ZH', '02/03/2026', '4', '', ''], 6)).toBeUndefined();
    // more values than the first row has empty cells
    expect(joinSplitRecord(first, ['', 'E9 9ZH', '02/03/2026', '4', '5', ''], 6)).toBeUndefined();
    // fewer: the first row's empty cells may be empty on purpose
    expect(joinSplitRecord(first, ['', 'E9 9ZH', '02/03/2026', '', '', ''], 6)).toBeUndefined();
    // a value to the right of the cell it would fill (not shifted left)
    expect(joinSplitRecord(['LN-2', 'Rise,', '', 'x', 'y', 'z'], ['', 'E9', '', '', '', 'late'], 6)).toBeUndefined();
    // its first filled cell is under an empty cell of the first row: nothing wrapped there
    expect(joinSplitRecord(['LN-2', 'Rise', '', '03/03/2021'], ['', '', 'Additional', ''], 4)).toBeUndefined();
    // a first row without its first column, or with a field count unlike the header's
    expect(joinSplitRecord(['', 'Rise', 'A', ''], ['', 'E9', 'x', ''], 4)).toBeUndefined();
    expect(joinSplitRecord(['LN-2', 'Rise', 'A'], ['', 'E9', 'x', ''], 4)).toBeUndefined();
    // a row with text alone, when the first row's text shows no cut: its empty cells may be empty on purpose
    expect(joinSplitRecord(['LN-2', '21 Beaumont Rise', 'A', ''], ['', 'Ash House', '', ''], 4)).toBeUndefined();
    // an empty row continues nothing
    expect(joinSplitRecord(first, ['', '', '', '', '', ''], 6)).toBeUndefined();
  });

  it('yields every physical row, continuations marked with the line they complete, a record taking several', () => {
    const rows = [
      { line: 2, fields: ['LN-1', '5 Beaumont Rise, London, E9 9ZH', 'M', '01/02/2020'] },
      { line: 3, fields: ['LN-2', 'Flat 3, Orchard Mansions,', 'A', ''] },
      { line: 4, fields: ['', '40 Chatsworth Close,', '', ''] },
      { line: 5, fields: ['', 'London, E9 9ZJ', '06/06/2022', ''] },
      { line: 6, fields: ['LN-3', '8 Chatsworth Close', 'S', '04/04/2022'] },
    ];
    const out = [...joinSplitRecords(rows[Symbol.iterator](), 4)];
    expect(out.map((r) => [r.line, r.joinedTo ?? null])).toEqual([[2, null], [4, 3], [5, 3], [3, null], [6, null]]);
    expect(out[3]?.fields).toEqual(['LN-2', 'Flat 3, Orchard Mansions, 40 Chatsworth Close, London, E9 9ZJ', 'A', '06/06/2022']);
  });
});
