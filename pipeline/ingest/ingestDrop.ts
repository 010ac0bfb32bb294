import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve, isAbsolute } from 'node:path';
import { outputLayout } from '../layout.js';
import { ingestMessages } from '../messages/ingest.js';
import type { StageContext } from '../stage.js';
import { DropError } from '../errors/DropError.js';
import { ingestBorough } from './ingestBorough.js';
import { listDropBoroughs } from './listDropBoroughs.js';
import { writeDropDatabase } from './writeDropDatabase.js';
import { writeQualityReport, type QualityReport } from '../writers/quality/writeQualityReport.js';


/**
 * Ingests every borough folder of a drop (a failed borough does not stop the
 * others), removes the outputs of boroughs no longer in the drop, then writes
 * the quality report and OUT/hmo.duckdb.
 *
 * @example
 *   const report = await ingestDrop({ drop: 'data/sample/drop', out: 'out/sample' }, ctx);
 *   Object.values(report.boroughs).every((b) => b.status === 'ok');
 */
export async function ingestDrop(input: { drop: string; out: string }, ctx: StageContext): Promise<QualityReport> {
  const boroughs = dropBoroughs(input.drop, input.out);
  const layout = outputLayout(input.out);
  for (const dir of [layout.ingestDir, layout.quarantineDir]) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      if (!boroughs.includes(name)) rmSync(join(dir, name), { recursive: true, force: true });
    }
  }
  await forEachConcurrently(boroughs, boroughConcurrency(), async (borough) => {
    ctx.log.info(ingestMessages.ingesting(borough));
    await ingestBorough({ drop: input.drop, borough, out: input.out }, ctx);
  });
  const report = await writeQualityReport({ out: input.out, boroughs });
  await writeDropDatabase({ out: input.out, boroughs });
  return report;
}

/**
 * How many boroughs to ingest at once. DuckDB runs a table smaller than one
 * row group (122,880 rows) on a single thread, and the byte-level pass is one
 * JS thread, so two boroughs side by side keep two cores busy.
 */
export function boroughConcurrency(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** Runs `work` on every item, at most `limit` at a time; rejects with the first error once all have settled. */
export async function forEachConcurrently<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (errors.length > 0) throw errors[0];
}

/** The drop's borough folders, after checking that the drop exists and that OUT is not inside it. */
export function dropBoroughs(drop: string, out: string): string[] {
  if (!existsSync(drop) || !statSync(drop).isDirectory()) throw new DropError(ingestMessages.dropMissing(drop));
  const inside = relative(resolve(drop), resolve(out));
  if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside))) throw new DropError(ingestMessages.outInsideDrop(out, drop));
  const boroughs = listDropBoroughs(drop);
  if (boroughs.length === 0) throw new DropError(ingestMessages.noBoroughs(drop));
  return boroughs;
}
