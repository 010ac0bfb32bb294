import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

const CHUNK = 1 << 20;

/**
 * A scratch file of harmonised rows between apply's two passes: one row a
 * line, values separated by tabs (a tab or line break inside a value is
 * written as a space: harmonised values never need them). Cheaper to write
 * and read back than CSV, and memory stays flat whatever the borough's size.
 *
 * @example
 *   const staging = new StagingFile('work/0.staged');
 *   staging.write(['12', '-1', '100023', 'a1b2']);
 *   staging.close();
 *   for (const values of StagingFile.rows('work/0.staged')) console.log(values);
 */
export class StagingFile {
  private buffer = '';
  private readonly fd: number;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  write(values: readonly string[]): void {
    let line = '';
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as string;
      line += (i > 0 ? '\t' : '') + (v.includes('\t') || v.includes('\n') || v.includes('\r') ? v.replace(/[\t\r\n]/g, ' ') : v);
    }
    this.buffer += `${line}\n`;
    if (this.buffer.length >= CHUNK) this.flush();
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.buffer === '') return;
    writeSync(this.fd, this.buffer);
    this.buffer = '';
  }

  /** The rows written, in order. */
  static *rows(path: string): Generator<string[]> {
    const fd = openSync(path, 'r');
    const decoder = new StringDecoder('utf8');
    const buffer = Buffer.alloc(CHUNK);
    let carry = '';
    try {
      for (;;) {
        const read = readSync(fd, buffer, 0, CHUNK, null);
        if (read === 0) break;
        const text = carry + decoder.write(buffer.subarray(0, read));
        let start = 0;
        for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
          yield text.slice(start, end).split('\t');
          start = end + 1;
        }
        carry = text.slice(start);
      }
      const rest = carry + decoder.end();
      if (rest !== '') yield rest.split('\t');
    } finally {
      closeSync(fd);
    }
  }
}

const NEEDS_QUOTES = /[",\r\n]/;

/** A CSV table of the drop, written from arrays of values in ~1 MiB chunks; counts its records for the manifest. */
export class DropTableWriter {
  rows = 0;
  private buffer: string;
  private readonly fd: number;

  constructor(
    readonly path: string,
    columns: readonly string[],
  ) {
    this.fd = openSync(path, 'w');
    this.buffer = `${columns.join(',')}\n`;
  }

  write(values: readonly string[]): void {
    let line = '';
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as string;
      line += (i > 0 ? ',' : '') + (NEEDS_QUOTES.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
    }
    this.buffer += `${line}\n`;
    this.rows += 1;
    if (this.buffer.length >= CHUNK) this.flush();
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.buffer === '') return;
    writeSync(this.fd, this.buffer);
    this.buffer = '';
  }
}
