import { closeSync, openSync, readSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';

/** The text encodings a council export arrives in; `windows-1252` also reads Latin-1 (ISO-8859-1) files. */
export type RawEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DetectedEncoding {
  readonly encoding: RawEncoding;
  /** Bytes of byte-order mark at the start (skipped when reading). */
  readonly bomBytes: number;
  /** How it was decided, for the mapping's evidence. */
  readonly evidence: string;
}

const CHUNK = 1 << 20;

/**
 * Decides how a raw export is encoded: a byte-order mark (UTF-8, UTF-16 LE/BE)
 * decides; else zero bytes at every other position mean UTF-16 without a mark;
 * else the whole file is checked as UTF-8 (streamed in 1 MiB chunks), and a
 * file that is not valid UTF-8 is read as Windows-1252, the code page of
 * spreadsheets saved "CSV" on Windows (a superset of Latin-1's printable range).
 *
 * @example
 *   detectEncoding('raw/licence_register.csv'); // { encoding: 'windows-1252', bomBytes: 0, evidence: 'not valid UTF-8 (first bad byte near byte 1,204)...' }
 */
export function detectEncoding(path: string): DetectedEncoding {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(64 * 1024);
    const headBytes = readSync(fd, head, 0, head.length, 0);
    if (headBytes >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomBytes: 3, evidence: 'UTF-8 byte-order mark' };
    if (headBytes >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomBytes: 2, evidence: 'UTF-16 little-endian byte-order mark' };
    if (headBytes >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomBytes: 2, evidence: 'UTF-16 big-endian byte-order mark' };
    let zeroEven = 0;
    let zeroOdd = 0;
    for (let i = 0; i < headBytes; i++) if (head[i] === 0) (i % 2 === 0 ? zeroEven++ : zeroOdd++);
    const pairs = Math.floor(headBytes / 2);
    if (pairs > 0 && zeroOdd > pairs * 0.3 && zeroEven < pairs * 0.05) return { encoding: 'utf-16le', bomBytes: 0, evidence: 'UTF-16 little-endian without a byte-order mark (every other byte is zero)' };
    if (pairs > 0 && zeroEven > pairs * 0.3 && zeroOdd < pairs * 0.05) return { encoding: 'utf-16be', bomBytes: 0, evidence: 'UTF-16 big-endian without a byte-order mark (every other byte is zero)' };

    // Whole-file UTF-8 check; a multi-byte character cut by a chunk boundary is carried over.
    const buffer = Buffer.alloc(CHUNK + 4);
    let carry = 0;
    let position = 0;
    let nonAscii = false;
    for (;;) {
      const read = readSync(fd, buffer, carry, CHUNK, position);
      position += read;
      const length = carry + read;
      if (read === 0) {
        if (carry > 0 && !isUtf8(buffer.subarray(0, carry))) return latin(position - carry);
        break;
      }
      let cut = length;
      // Back up over at most 3 continuation bytes and their lead byte if the sequence may be incomplete.
      for (let back = 1; back <= 4 && length - back >= 0; back++) {
        const byte = buffer[length - back] as number;
        if ((byte & 0xc0) === 0x80) continue;
        if (byte >= 0xc0) {
          const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
          if (need > back) cut = length - back;
        }
        break;
      }
      const part = buffer.subarray(0, cut);
      if (!nonAscii) for (let i = 0; i < cut; i++) if ((part[i] as number) >= 0x80) { nonAscii = true; break; }
      if (!isUtf8(part)) return latin(position - length);
      buffer.copy(buffer, 0, cut, length);
      carry = length - cut;
    }
    return { encoding: 'utf-8', bomBytes: 0, evidence: nonAscii ? 'valid UTF-8 without a byte-order mark' : 'plain ASCII (read as UTF-8)' };
  } finally {
    closeSync(fd);
  }
}

function latin(near: number): DetectedEncoding {
  return {
    encoding: 'windows-1252',
    bomBytes: 0,
    evidence: `not valid UTF-8 (a bad byte in the chunk from byte ${near.toLocaleString('en-GB')}), so read as Windows-1252 / Latin-1`,
  };
}
