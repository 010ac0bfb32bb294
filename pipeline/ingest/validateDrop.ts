import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StageContext } from '../stage.js';
import type { BoroughStatus } from '../db/BoroughStatus.js';
import { boroughConcurrency, dropBoroughs, forEachConcurrently } from './ingestDrop.js';
import { ingestBorough } from './ingestBorough.js';
import { qualityReport, type QualityReport } from '../writers/quality/writeQualityReport.js';

/**
 * The checks of `ingestDrop`, without keeping anything: each borough is
 * ingested into a temporary folder that is removed afterwards, and nothing is
 * written in the drop. For a borough's data team before they send a drop.
 *
 * @example
 *   const report = await validateDrop({ drop: 'data/sample/drop' }, ctx);
 */
export async function validateDrop(input: { drop: string }, ctx: StageContext): Promise<QualityReport> {
  const work = mkdtempSync(join(tmpdir(), 'hmo-validate-'));
  try {
    const boroughs = dropBoroughs(input.drop, work);
    const statuses = new Map<string, BoroughStatus>();
    await forEachConcurrently(boroughs, boroughConcurrency(), async (borough) => {
      statuses.set(borough, await ingestBorough({ drop: input.drop, borough, out: work }, ctx));
    });
    return qualityReport(boroughs.map((b) => statuses.get(b) as BoroughStatus));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
