import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';

/** Why a file cannot be read at all (section 4.1 of the standard), with the physical line where it shows. */
export type CsvProblem =
  | { kind: 'not_utf8'; line: number }
  | { kind: 'no_header' }
  | { kind: 'unclosed_quote'; line: number }
  | { kind: 'text_after_quote'; line: number; field: number };

/** What the byte-level pass learnt about one CSV file. */
export interface CsvScanResult {
  problem: CsvProblem | undefined;
  /** Header names as written (quotes removed, BOM dropped); empty when there is no header. */
  header: string[];
  /** Physical line of the header record (1 unless blank lines come first). */
  headerLine: number;
  /** Records after the header, counted as the standard's `rows` counts them. */
  records: number;
  /** Records whose field count differs from the header's. */
  malformedRecords: number;
  /**
   * 0-based indexes (among the records after the header) of the records whose
   * field count differs from the header's, in file order; complete when
   * `simple`, else possibly cut short.
   */
  malformedIndexes: number[];
  /** Bytes of the longest record (DuckDB needs its max_line_size at least this). */
  longestRecord: number;
  /**
   * True when DuckDB can read the file as it is and record i (0-based) starts on
   * line headerLine + 1 + i: no blank line, no line break inside a quoted field,
   * one kind of line end, no lone CR and no quote inside an unquoted field.
   * Records of the wrong field count are allowed (DuckDB pads or cuts them, and
   * `malformedIndexes` names them) as long as there are at most
   * MALFORMED_INDEX_LIMIT of them.
   */
  simple: boolean;
}

const LF = 10;
const CR = 13;
const QUOTE = 34;
const COMMA = 44;

const enum State {
  RecordStart,
  RecordStartCr,
  FieldStart,
  Unquoted,
  UnquotedCr,
  Quoted,
  QuoteInQuoted,
  AfterQuoteCr,
}

const CHUNK = 8 * 1024 * 1024;
/** Beyond this many records of the wrong field count, a file goes through the normalized copy (the list is SQL text). */
export const MALFORMED_INDEX_LIMIT = 10_000;
const HEADER_CAPTURE_LIMIT = 1024 * 1024;

/**
 * The byte-level pass over one CSV file, streaming in chunks (memory stays
 * flat whatever the file size): checks UTF-8, finds the header, counts records
 * the way the standard counts `rows` (quoted line breaks, blank lines, BOM and
 * final line break are not records), finds an unclosed quote or text after a
 * closing quote with its line, and counts each record's fields.
 *
 * With `normalizedPath`, it also writes a copy DuckDB reads without ambiguity:
 * header `__line,__fields,c0..c{n-1}`, one record per LF-terminated line,
 * each prefixed with the physical line where it starts and its field count;
 * a record of the wrong field count keeps only those two (its fields empty);
 * a record with a lone CR or a quote inside an unquoted field is re-quoted.
 *
 * @example
 *   const scan = scanCsv('drop/E09000007/properties.csv');
 *   if (!scan.problem && !scan.simple) scanCsv(path, { normalizedPath: 'out/tmp/properties.norm.csv' });
 */
export function scanCsv(path: string, options: { normalizedPath?: string; chunkSize?: number } = {}): CsvScanResult {
  const scanner = new Scanner(options.normalizedPath);
  const chunkSize = options.chunkSize ?? CHUNK;
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(Math.max(chunkSize, 3));
    // A leading byte-order mark is allowed and ignored.
    const head = readSync(fd, chunk, 0, 3, 0);
    let position = head === 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? 3 : 0;
    let utf8Carry: Buffer | undefined;
    for (;;) {
      const read = readSync(fd, chunk, 0, chunkSize, position);
      if (read === 0) break;
      position += read;
      let data = chunk.subarray(0, read);
      if (utf8Carry) {
        data = Buffer.concat([utf8Carry, data]);
        utf8Carry = undefined;
      }
      const cut = completeUtf8Length(data);
      if (cut < data.length) {
        utf8Carry = Buffer.from(data.subarray(cut));
        data = data.subarray(0, cut);
      }
      if (!isUtf8(data)) {
        scanner.failUtf8(data, firstInvalidUtf8(data));
        break;
      }
      scanner.feed(data, 0);
      if (scanner.problem) break;
    }
    if (!scanner.problem && utf8Carry) scanner.failUtf8(utf8Carry, 0);
    if (!scanner.problem) scanner.end();
  } finally {
    closeSync(fd);
    scanner.close();
  }
  return scanner.result();
}

class Scanner {
  problem: CsvProblem | undefined;
  private state = State.RecordStart;
  private line = 1;
  private recordLine = 1;
  private quoteLine = 1;
  private fields = 0;
  private headerFields = -1;
  private header: string[] = [];
  private headerLine = 0;
  private headerBytes: Buffer[] = [];
  private headerSize = 0;
  private records = 0;
  private longest = 0;
  /** Offset in the file (after any BOM) of data[0] of the chunk being fed, and of the current record's start. */
  private base = 0;
  private recordStartOffset = 0;
  private malformed = 0;
  private readonly malformedIndexes: number[] = [];
  private irregularRecord = false;
  private sawBlankLine = false;
  private lfEnds = 0;
  private crlfEnds = 0;
  private irregular = false;
  // Normalized copy.
  private readonly outFd: number | undefined;
  private readonly outBuf: Buffer | undefined;
  private outPos = 0;
  private pending: Buffer[] = [];
  private recordStart = 0;

  constructor(normalizedPath: string | undefined) {
    if (normalizedPath !== undefined) {
      this.outFd = openSync(normalizedPath, 'w');
      this.outBuf = Buffer.allocUnsafe(CHUNK);
    }
  }

  failUtf8(data: Buffer, offset: number): void {
    let line = this.line;
    for (let i = 0; i < offset; i++) if (data[i] === LF) line++;
    this.problem = { kind: 'not_utf8', line };
  }

  /** Consumes `data[start..]`, keeping its state across calls. */
  feed(data: Buffer, start: number): void {
    if (this.fed) this.base += this.lastLength;
    this.fed = true;
    this.lastLength = data.length;
    const n = data.length;
    let state = this.state;
    let i = start;
    // Where the Unquoted state was entered from FieldStart (a quote there opens a field).
    let fieldStartAt = -1;
    this.recordStart = start;
    while (i < n) {
      const b = data[i] as number;
      switch (state) {
        case State.RecordStart:
          this.recordStart = i;
          this.recordStartOffset = this.base + i;
          this.recordLine = this.line;
          this.fields = 1;
          this.irregularRecord = false;
          if (b === LF) {
            this.blankLine();
            i++;
          } else if (b === CR) {
            state = State.RecordStartCr;
            i++;
          } else {
            state = State.FieldStart;
          }
          break;
        case State.RecordStartCr:
          if (b === LF) {
            this.blankLine();
            state = State.RecordStart;
            i++;
          } else {
            this.irregularRecord = true; // a lone CR: data, not a line end
            state = State.Unquoted;
          }
          break;
        case State.FieldStart:
          if (b === QUOTE) {
            this.quoteLine = this.line;
            state = State.Quoted;
            i++;
          } else {
            // The unquoted loop below takes this byte (a quote here was dealt with).
            fieldStartAt = i;
            state = State.Unquoted;
          }
          break;
        case State.Unquoted: {
          // Hot loop: the bytes and commas of unquoted fields, up to a line
          // end, a quote or the end of the chunk. Most bytes are above the
          // comma (digits, letters, '-', '.'), so one comparison passes them.
          let j = i;
          let c = b;
          let fields = this.fields;
          for (;;) {
            if (c <= COMMA) {
              if (c === COMMA) fields++;
              else if (c === LF || c === CR || c === QUOTE) break;
            }
            j++;
            if (j >= n) break;
            c = data[j] as number;
          }
          this.fields = fields;
          if (j >= n) {
            // Mid-record at the chunk's end: after a comma, the next field has not started.
            if (data[n - 1] === COMMA) state = State.FieldStart;
            i = j;
            break;
          }
          if (c === LF) {
            this.endRecord(data, j, false);
            state = State.RecordStart;
          } else if (c === CR) {
            state = State.UnquotedCr;
          } else if (j > i ? data[j - 1] === COMMA : fieldStartAt === j) {
            // A quote opening a field.
            this.quoteLine = this.line;
            state = State.Quoted;
          } else {
            this.irregularRecord = true; // a literal quote inside an unquoted field
          }
          i = j + 1;
          break;
        }
        case State.UnquotedCr:
          if (b === LF) {
            this.endRecord(data, i, true);
            state = State.RecordStart;
            i++;
          } else {
            this.irregularRecord = true;
            state = State.Unquoted;
          }
          break;
        case State.Quoted: {
          let j = i;
          let c = b;
          while (c !== QUOTE) {
            if (c === LF) this.line++;
            j++;
            if (j >= n) break;
            c = data[j] as number;
          }
          i = j;
          if (j >= n) break;
          state = State.QuoteInQuoted;
          i++;
          break;
        }
        case State.QuoteInQuoted:
          if (b === QUOTE) {
            state = State.Quoted;
            i++;
          } else if (b === COMMA) {
            this.fields++;
            state = State.FieldStart;
            i++;
          } else if (b === LF) {
            this.endRecord(data, i, false);
            state = State.RecordStart;
            i++;
          } else if (b === CR) {
            state = State.AfterQuoteCr;
            i++;
          } else {
            this.problem = { kind: 'text_after_quote', line: this.line, field: this.fields };
            return;
          }
          break;
        case State.AfterQuoteCr:
          if (b === LF) {
            this.endRecord(data, i, true);
            state = State.RecordStart;
            i++;
          } else {
            this.problem = { kind: 'text_after_quote', line: this.line, field: this.fields };
            return;
          }
          break;
      }
    }
    this.state = state;
    if (state !== State.RecordStart) {
      // The record goes on in the next chunk: keep its bytes so far.
      const tail = data.subarray(this.recordStart);
      if (this.headerFields < 0) this.captureHeader(tail);
      else if (this.outFd !== undefined) this.pending.push(Buffer.from(tail));
    }
  }

  /** End of file: close the last record, or report the quote left open. */
  end(): void {
    this.base += this.lastLength;
    this.lastLength = 0;
    switch (this.state) {
      case State.RecordStart:
        break;
      case State.Quoted:
        this.problem = { kind: 'unclosed_quote', line: this.quoteLine };
        return;
      case State.AfterQuoteCr:
        this.problem = { kind: 'text_after_quote', line: this.line, field: this.fields };
        return;
      case State.RecordStartCr:
      case State.UnquotedCr:
        this.irregularRecord = true; // a CR at the very end is data, not a line end
        this.recordStart = 0;
        this.endRecord(Buffer.alloc(0), 0, false);
        break;
      default:
        this.recordStart = 0;
        this.endRecord(Buffer.alloc(0), 0, false);
    }
    this.state = State.RecordStart;
  }

  close(): void {
    if (this.outFd === undefined) return;
    if (!this.problem) this.flush();
    closeSync(this.outFd);
  }

  result(): CsvScanResult {
    const noHeader = this.headerFields < 0;
    return {
      problem: this.problem ?? (noHeader ? { kind: 'no_header' } : undefined),
      header: this.header,
      headerLine: this.headerLine,
      records: this.records,
      malformedRecords: this.malformed,
      malformedIndexes: this.malformedIndexes,
      longestRecord: this.longest,
      simple:
        !noHeader &&
        !this.irregular &&
        this.malformed <= MALFORMED_INDEX_LIMIT &&
        !this.sawBlankLine &&
        this.headerLine === 1 &&
        this.linesDerivable &&
        !(this.lfEnds > 0 && this.crlfEnds > 0),
    };
  }

  private linesDerivable = true;
  private fed = false;
  private lastLength = 0;

  private blankLine(): void {
    // A CR kept from the previous chunk belonged to this blank line.
    this.pending = [];
    this.headerBytes = [];
    this.headerSize = 0;
    this.sawBlankLine = true;
    this.line++;
  }

  /** A record ends at `end` (the LF, or the end of the data at end of file); `crlf` when a CR precedes the LF. */
  private endRecord(data: Buffer, end: number, crlf: boolean): void {
    const hasBreak = end < data.length;
    if (hasBreak) {
      if (crlf) this.crlfEnds++;
      else this.lfEnds++;
    }
    let contentEnd = crlf ? end - 1 : end;
    if (contentEnd < 0) {
      // The CR ended the previous chunk: drop it from the bytes kept from there.
      contentEnd = 0;
      for (const parts of [this.pending, this.headerBytes]) {
        const last = parts[parts.length - 1];
        if (last) parts[parts.length - 1] = last.subarray(0, last.length - 1);
      }
    }
    if (this.headerFields < 0) {
      this.captureHeader(data.subarray(this.recordStart, contentEnd));
      this.header = parseRecord(Buffer.concat(this.headerBytes));
      this.headerBytes = [];
      this.headerFields = this.fields;
      this.headerLine = this.recordLine;
      if (this.outFd !== undefined) {
        this.pending = [];
        this.write(`__line,__fields${this.header.map((_, k) => `,c${k}`).join('')}\n`);
      }
    } else {
      this.records++;
      // Record i must start on line header + 1 + i for DuckDB's row order to give its line.
      if (this.recordLine !== this.headerLine + this.records) this.linesDerivable = false;
      const wrongCount = this.fields !== this.headerFields;
      if (wrongCount) {
        if (this.malformed < MALFORMED_INDEX_LIMIT) this.malformedIndexes.push(this.records - 1);
        this.malformed++;
      }
      this.longest = Math.max(this.longest, this.base + end - this.recordStartOffset);
      if (this.irregularRecord) this.irregular = true;
      if (this.outFd !== undefined) this.writeRecord(data, contentEnd, wrongCount);
    }
    if (hasBreak) this.line++;
  }

  private captureHeader(bytes: Buffer): void {
    if (this.headerSize >= HEADER_CAPTURE_LIMIT) return;
    this.headerBytes.push(Buffer.from(bytes));
    this.headerSize += bytes.length;
  }

  private writeRecord(data: Buffer, contentEnd: number, wrongCount: boolean): void {
    this.write(`${this.recordLine},${this.fields}`);
    if (wrongCount) {
      this.write(','.repeat(this.headerFields) + '\n');
    } else if (this.irregularRecord) {
      const bytes = Buffer.concat([...this.pending, data.subarray(this.recordStart, contentEnd)]);
      this.write(`,${parseRecord(bytes).map(quoteField).join(',')}\n`);
    } else {
      this.write(',');
      for (const part of this.pending) this.writeBytes(part, 0, part.length);
      this.writeBytes(data, this.recordStart, contentEnd);
      this.write('\n');
    }
    this.pending = [];
  }

  private write(text: string): void {
    const out = this.outBuf as Buffer;
    if (this.outPos + text.length * 3 > out.length) this.flush();
    if (text.length * 3 > out.length) {
      writeSync(this.outFd as number, text);
      return;
    }
    this.outPos += out.write(text, this.outPos);
  }

  private writeBytes(data: Buffer, from: number, to: number): void {
    const out = this.outBuf as Buffer;
    if (this.outPos + (to - from) > out.length) this.flush();
    if (to - from > out.length) {
      writeSync(this.outFd as number, data, from, to - from);
      return;
    }
    data.copy(out, this.outPos, from, to);
    this.outPos += to - from;
  }

  private flush(): void {
    if (this.outPos > 0) writeSync(this.outFd as number, this.outBuf as Buffer, 0, this.outPos);
    this.outPos = 0;
  }
}

/** Fields of one well-formed record (no line end), quotes removed; `""` and empty give ''. */
export function parseRecord(bytes: Buffer): string[] {
  const text = bytes.toString('utf8');
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === QUOTE) {
      let value = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          value += text.slice(i);
          i = text.length;
          break;
        }
        value += text.slice(i, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      fields.push(value);
    } else {
      const comma = text.indexOf(',', i);
      const stop = comma < 0 ? text.length : comma;
      fields.push(text.slice(i, stop));
      i = stop;
    }
    if (i >= text.length) break;
    i++; // the comma
    if (i === text.length) {
      fields.push('');
      break;
    }
  }
  return fields;
}

function quoteField(value: string): string {
  return value === '' ? '' : `"${value.replace(/"/g, '""')}"`;
}

/** Length of `data` without a trailing, incomplete UTF-8 sequence (completed by the next chunk). */
function completeUtf8Length(data: Buffer): number {
  const n = data.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = data[n - back] as number;
    if ((b & 0xc0) !== 0x80) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      return need > back ? n - back : n;
    }
  }
  return n;
}

/** Offset of the first byte that is not valid UTF-8 (only called once `isUtf8` said no). */
function firstInvalidUtf8(data: Buffer): number {
  let i = 0;
  while (i < data.length) {
    const b = data[i] as number;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    if (need > 0) {
      const bytes = data.subarray(i, i + need + 1);
      if (bytes.length !== need + 1 || !isUtf8(bytes)) return i;
    }
    i += need + 1;
  }
  return data.length;
}
