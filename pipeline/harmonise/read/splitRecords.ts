/**
 * Records split over two rows by a PDF conversion. A register printed to PDF
 * and converted back to CSV wraps a long cell (most often the address) onto a
 * second row: the first row keeps the record's start and leaves its last
 * cells empty; the second has nothing in the first column (no licence number,
 * no account), the rest of the wrapped cell under it, and then the values the
 * first row lacks, shifted towards the left:
 *
 *     LN-0002,"21 Beaumont Rise, London,",Additional,03/03/2021,,
 *     ,E9 9ZH,02/03/2026,4,,
 *
 * is the one record
 *
 *     LN-0002,"21 Beaumont Rise, London, E9 9ZH",Additional,03/03/2021,02/03/2026,4
 *
 * The second row is taken for a continuation only when its shape leaves no
 * other reading: its first cell is empty; its first filled cell sits under a
 * filled cell of the first row (the wrapped text); and its other filled
 * cells, in order, are exactly as many as the first row's empty cells after
 * that column, each at or to the left of the empty cell it fills (or there
 * are none, and the wrapped text shows its cut: the first part ends with a
 * comma or a hyphen, or only the second part has the postcode). A real
 * record of a register always has its reference (first) column or several
 * of its own cells filled where the first row has values, so it never has
 * that shape, and is left as it is.
 */

/** How the two rows were joined: the wrapped column and the columns the continuation filled. */
export interface SplitRecordJoin {
  /** The joined record (the first row's fields, completed). */
  readonly fields: string[];
  /** Index of the wrapped column (its text continued on the second row). */
  readonly wrapped: number;
  /** Indexes of the first row's empty cells the second row filled. */
  readonly filled: readonly number[];
}

const blank = (v: string | undefined) => v === undefined || v.trim() === '';

const POSTCODE_IN = /\b[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}\b/i;

/** The first part of a cell ends mid-phrase (a comma, a hyphen, an ampersand), or the postcode is only in the second part. */
function textIsCut(first: string, second: string): boolean {
  return /[,&/-]\s*$/.test(first) || (!POSTCODE_IN.test(first) && POSTCODE_IN.test(second));
}

/**
 * Joins `next` to `previous` when `next` is the rest of `previous` split by a
 * PDF conversion (see the module's comment); undefined otherwise. Both are
 * the records' fields; `width` is the header's field count.
 *
 * @example
 *   joinSplitRecord(['LN-2', '21 Beaumont Rise, London,', 'Additional', '03/03/2021', '', ''], ['', 'E9 9ZH', '02/03/2026', '4', '', ''], 6);
 *   // { fields: ['LN-2', '21 Beaumont Rise, London, E9 9ZH', 'Additional', '03/03/2021', '02/03/2026', '4'], wrapped: 1, filled: [4, 5] }
 */
export function joinSplitRecord(previous: readonly string[], next: readonly string[], width: number): SplitRecordJoin | undefined {
  if (previous.length !== width || next.length > width || width < 2) return undefined;
  if (!blank(next[0]) || blank(previous[0])) return undefined;
  let wrapped = -1;
  const rest: number[] = [];
  for (let i = 1; i < next.length; i++) {
    if (blank(next[i])) continue;
    if (wrapped < 0) wrapped = i;
    else rest.push(i);
  }
  if (wrapped < 0 || blank(previous[wrapped])) return undefined;
  const gaps: number[] = [];
  for (let i = wrapped + 1; i < width; i++) if (blank(previous[i])) gaps.push(i);
  // The first row's empty cells may be empty on purpose: a row that continues only the wrapped text (no values
  // to place) is taken for a continuation when the text shows the cut, else the empty cells must be its values.
  if (gaps.length !== rest.length && !(rest.length === 0 && textIsCut(previous[wrapped] as string, next[wrapped] as string))) return undefined;
  if (rest.some((at, j) => at > (gaps[j] as number))) return undefined;
  const fields = [...previous];
  fields[wrapped] = `${(previous[wrapped] as string).trimEnd()} ${(next[wrapped] as string).trim()}`;
  rest.forEach((at, j) => (fields[gaps[j] as number] = next[at] as string));
  return { fields, wrapped, filled: gaps };
}

/** A record as read after joining: a whole record, or a continuation row already joined to the record on `joinedTo`. */
export interface JoinedRecord {
  readonly line: number;
  readonly fields: string[];
  /** Set on a continuation row: the line of the record it completes (its fields are in that record now). */
  readonly joinedTo?: number;
}

/**
 * The records of `records` with split records joined (a record may take
 * several continuation rows, one after another). Each continuation row is
 * still yielded, marked `joinedTo`, before the record it completes, so that
 * a reader can account for every physical row.
 *
 * @example
 *   for (const r of joinSplitRecords(reader.records(), header.length)) if (r.joinedTo === undefined) harmonise(r.line, r.fields);
 */
export function* joinSplitRecords(records: Iterator<{ readonly line: number; readonly fields: string[] }>, width: number): Generator<JoinedRecord> {
  let pending: JoinedRecord | undefined;
  for (let next = records.next(); !next.done; next = records.next()) {
    const record = next.value;
    if (pending) {
      const join = joinSplitRecord(pending.fields, record.fields, width);
      if (join) {
        yield { line: record.line, fields: record.fields, joinedTo: pending.line };
        pending = { line: pending.line, fields: join.fields };
        continue;
      }
      yield pending;
    }
    pending = { line: record.line, fields: record.fields };
  }
  if (pending) yield pending;
}
