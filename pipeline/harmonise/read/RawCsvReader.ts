import { closeSync, openSync, readSync } from 'node:fs';
import { detectEncoding, type RawEncoding } from './detectEncoding.js';
import type { RawDelimiter, RawReadProblem, RawRecord, RawTable } from './RawTable.js';

export type { RawDelimiter, RawReadProblem, RawRecord } from './RawTable.js';

export interface RawCsvOptions {
  readonly encoding?: RawEncoding;
  readonly delimiter?: RawDelimiter;
  readonly chunkSize?: number;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Reads a raw export as CSV records, streaming (memory stays flat whatever
 * the size): any encoding of `detectEncoding`, LF, CRLF or lone CR line ends,
 * comma, semicolon, tab or pipe delimiters (sniffed from the first line),
 * RFC 4180 quoting with line breaks inside quotes. It is lenient where council
 * exports are sloppy: a quote inside an unquoted field is literal, text after
 * a closing quote is kept, a quote left open runs to the end of the file (and
 * is reported in `problems`). Completely empty lines are not records.
 *
 * @example
 *   const reader = new RawCsvReader('raw/licence_register.csv');
 *   for (const record of reader.records()) console.log(record.line, record.fields);
 *   reader.encoding; // 'windows-1252'
 */
export class RawCsvReader implements RawTable {
  readonly format = 'csv';
  readonly encoding: RawEncoding;
  readonly encodingEvidence: string;
  readonly delimiter: RawDelimiter;
  readonly problems: RawReadProblem[] = [];
  private readonly bomBytes: number;
  private readonly chunkSize: number;

  constructor(
    readonly path: string,
    options: RawCsvOptions = {},
  ) {
    const detected = detectEncoding(path);
    this.encoding = options.encoding ?? detected.encoding;
    this.encodingEvidence = options.encoding ? `declared in the mapping (${options.encoding})` : detected.evidence;
    this.bomBytes = this.encoding === detected.encoding ? detected.bomBytes : 0;
    this.chunkSize = options.chunkSize ?? 1 << 20;
    this.delimiter = options.delimiter ?? this.sniffDelimiter();
  }

  /** Every record, header included, in file order. */
  *records(): Generator<RawRecord> {
    const parser = new RecordParser(this.delimiter.charCodeAt(0), this.problems);
    let carry = '';
    for (const text of this.texts()) {
      carry = parser.parse(carry + text.chunk, text.final);
      for (const record of parser.drain()) yield record;
    }
  }

  private *texts(): Generator<{ chunk: string; final: boolean }> {
    const decoder = new TextDecoder(this.encoding);
    const fd = openSync(this.path, 'r');
    try {
      const buffer = Buffer.alloc(this.chunkSize);
      let position = this.bomBytes;
      let first = true;
      for (;;) {
        const read = readSync(fd, buffer, 0, buffer.length, position);
        position += read;
        if (read === 0) {
          yield { chunk: decoder.decode(), final: true };
          return;
        }
        let chunk = decoder.decode(buffer.subarray(0, read), { stream: true });
        if (first && chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
        first = false;
        yield { chunk, final: false };
      }
    } finally {
      closeSync(fd);
    }
  }

  /** The delimiter that occurs most often outside quotes in the first non-empty line (comma on a tie or none). */
  private sniffDelimiter(): RawDelimiter {
    const decoder = new TextDecoder(this.encoding);
    const fd = openSync(this.path, 'r');
    let text: string;
    try {
      const buffer = Buffer.alloc(64 * 1024);
      const read = readSync(fd, buffer, 0, buffer.length, this.bomBytes);
      text = decoder.decode(buffer.subarray(0, read));
    } finally {
      closeSync(fd);
    }
    const line = text.split(/\r\n|\r|\n/).find((l) => l.trim() !== '') ?? '';
    const counts: Record<RawDelimiter, number> = { ',': 0, ';': 0, '\t': 0, '|': 0 };
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch in counts) counts[ch as RawDelimiter] += 1;
    }
    let best: RawDelimiter = ',';
    for (const d of [';', '\t', '|'] as const) if (counts[d] > counts[best]) best = d;
    return best;
  }
}

/** The character-level state machine: `parse` consumes complete records and returns the unfinished tail. */
class RecordParser {
  private line = 1;
  private ready: RawRecord[] = [];

  constructor(
    private readonly delimiter: number,
    private readonly problems: RawReadProblem[],
  ) {}

  drain(): RawRecord[] {
    const out = this.ready;
    this.ready = [];
    return out;
  }

  parse(text: string, final: boolean): string {
    const n = text.length;
    const delimiter = this.delimiter;
    let i = 0;
    while (i < n) {
      const recordLine = this.line;
      const fields: string[] = [];
      let breaks = 0;
      let j = i;
      let complete = false;
      let incomplete = false;
      for (;;) {
        if (j < n && text.charCodeAt(j) === QUOTE) {
          let k = j + 1;
          let value = '';
          let segment = k;
          let closed = false;
          while (k < n) {
            const c = text.charCodeAt(k);
            if (c === QUOTE) {
              if (k + 1 >= n && !final) break;
              if (text.charCodeAt(k + 1) === QUOTE) {
                value += text.slice(segment, k + 1);
                k += 2;
                segment = k;
                continue;
              }
              value += text.slice(segment, k);
              k += 1;
              closed = true;
              break;
            }
            if (c === LF) breaks += 1;
            else if (c === CR) {
              if (k + 1 >= n && !final) break;
              if (text.charCodeAt(k + 1) !== LF) breaks += 1;
            }
            k += 1;
          }
          if (!closed) {
            if (!final) { incomplete = true; break; }
            value += text.slice(segment, n);
            this.problems.push({ line: recordLine, kind: 'unclosed_quote' });
            fields.push(value);
            j = n;
            complete = true;
            break;
          }
          let m = k;
          while (m < n) {
            const c = text.charCodeAt(m);
            if (c === delimiter || c === LF || c === CR) break;
            m += 1;
          }
          if (m >= n && !final) { incomplete = true; break; }
          fields.push(m > k ? value + text.slice(k, m) : value);
          j = m;
        } else {
          let m = j;
          while (m < n) {
            const c = text.charCodeAt(m);
            if (c === delimiter || c === LF || c === CR) break;
            m += 1;
          }
          if (m >= n && !final) { incomplete = true; break; }
          fields.push(text.slice(j, m));
          j = m;
        }
        if (j >= n) { complete = true; break; }
        const c = text.charCodeAt(j);
        if (c === delimiter) {
          j += 1;
          if (j >= n) {
            if (!final) { incomplete = true; break; }
            fields.push('');
            complete = true;
            break;
          }
          continue;
        }
        if (c === CR) {
          if (j + 1 >= n && !final) { incomplete = true; break; }
          j += text.charCodeAt(j + 1) === LF ? 2 : 1;
        } else j += 1;
        breaks += 1;
        complete = true;
        break;
      }
      if (incomplete || !complete) return text.slice(i);
      this.line = recordLine + breaks;
      if (!(fields.length === 1 && fields[0] === '')) this.ready.push({ line: recordLine, fields });
      i = j;
    }
    return '';
  }
}
