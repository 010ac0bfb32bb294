import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

let counter = 0;

/** A temporary sibling of `finalPath` (same folder, so the rename is atomic). */
export function tempSibling(finalPath: string): string {
  counter += 1;
  return join(dirname(finalPath), `.${basename(finalPath)}.tmp-${process.pid}-${counter}`);
}

/**
 * Writes a file so that readers see either the old content or the whole new
 * one, never a part: write a temporary sibling, then rename it into place.
 *
 * @example
 *   writeFileAtomic('out/quality/report.json', JSON.stringify(report, null, 2));
 */
export function writeFileAtomic(finalPath: string, data: string | Uint8Array): void {
  mkdirSync(dirname(finalPath), { recursive: true });
  const tmp = tempSibling(finalPath);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, finalPath);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/**
 * Produces a file or folder at `finalPath` through `produce(tmpPath)` (which
 * writes to the temporary path it is given: a DuckDB COPY, a model save...),
 * then renames it into place, replacing what was there. A crash inside
 * `produce` leaves `finalPath` as it was.
 *
 * @example
 *   await produceAtomically(layout.acceptedTable(code, 'properties'), (tmp) =>
 *     db.run(`COPY accepted TO ${sqlString(tmp)} (FORMAT parquet)`));
 */
export async function produceAtomically<T>(finalPath: string, produce: (tmpPath: string) => Promise<T>): Promise<T> {
  mkdirSync(dirname(finalPath), { recursive: true });
  const tmp = tempSibling(finalPath);
  try {
    const result = await produce(tmp);
    rmSync(finalPath, { recursive: true, force: true });
    renameSync(tmp, finalPath);
    return result;
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
}
