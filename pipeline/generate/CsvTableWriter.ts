import { closeSync, openSync, writeSync } from 'node:fs';

const NEEDS_QUOTES = /[",\r\n]/;
const FLUSH_AT = 1 << 20;

/** One CSV field per RFC 4180: quoted (quotes doubled) only when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * Streams the rows of one CSV table to disk in ~1 MiB chunks (synchronous
 * writes, so memory stays bounded however large the table) and counts the
 * records written, for the manifest's `rows`.
 *
 * @example
 *   const writer = new CsvTableWriter('drop/E09000007/licences.csv', ['uprn', 'licence_ref']);
 *   writer.write({ uprn: '100023', licence_ref: 'HMO/2024/0012' });
 *   writer.close(); // writer.rows === 1
 */
export class CsvTableWriter {
  rows = 0;
  private buffer = '';
  private fd: number | undefined;

  /** `withHeader: false` writes records only (a part of a file whose header is written elsewhere). */
  constructor(
    readonly path: string,
    readonly columns: readonly string[],
    withHeader = true,
  ) {
    this.fd = openSync(path, 'w');
    this.buffer = withHeader ? `${columns.map(csvField).join(',')}\n` : '';
  }

  /** Writes one record; a column absent from `row` is written as an empty field (a null). */
  write(row: Readonly<Record<string, string>>): void {
    let line = '';
    for (let i = 0; i < this.columns.length; i++) {
      if (i > 0) line += ',';
      line += csvField(row[this.columns[i] as string] ?? '');
    }
    this.buffer += `${line}\n`;
    this.rows += 1;
    if (this.buffer.length >= FLUSH_AT) this.flush();
  }

  /** Writes one record exactly as given (no quoting): for deliberately malformed records. */
  writeRawLine(line: string): void {
    this.buffer += `${line}\n`;
    this.rows += 1;
    if (this.buffer.length >= FLUSH_AT) this.flush();
  }

  close(): void {
    if (this.fd === undefined) return;
    this.flush();
    closeSync(this.fd);
    this.fd = undefined;
  }

  private flush(): void {
    if (this.fd === undefined || this.buffer.length === 0) return;
    writeSync(this.fd, this.buffer);
    this.buffer = '';
  }
}
