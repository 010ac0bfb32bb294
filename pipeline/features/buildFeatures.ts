import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readBoroughStatuses } from '../db/openDropDb.js';
import { outputLayout } from '../layout.js';
import { featuresMessages as m } from '../messages/features.js';
import type { Params } from '../params/Params.js';
import type { StageContext } from '../stage.js';
import { loadSchema } from '../standard/schema.js';
import { buildBoroughFeatures, usableStatus, type BoroughFeatureSummary } from './buildBoroughFeatures.js';
import { FeaturesError } from '../errors/FeaturesError.js';

/**
 * Builds the features of several ingested boroughs, one after the other
 * (each is independent: see `buildBoroughFeatures`). Without `boroughs`,
 * every borough that ingested ok; boroughs that failed ingest are skipped
 * with a warning, and features left from an earlier run of a borough that is
 * no longer usable are removed, so that no later stage reads stale rows.
 * A borough named in `boroughs` that is not usable is an error.
 *
 * @example
 *   const summaries = await buildFeatures({ out: 'out/sample', params: loadParams().features }, ctx);
 */
export async function buildFeatures(
  input: { out: string; boroughs?: readonly string[]; params: Params['features'] },
  ctx: StageContext,
): Promise<BoroughFeatureSummary[]> {
  const { out, params } = input;
  const layout = outputLayout(out);
  const statuses = readBoroughStatuses(out);
  if (statuses.length === 0) throw new FeaturesError(m.noIngest(out));

  let codes: string[];
  if (input.boroughs !== undefined && input.boroughs.length > 0) {
    codes = [...new Set(input.boroughs)].sort();
    for (const code of codes) usableStatus(out, code);
  } else {
    codes = statuses.filter((s) => s.status === 'ok').map((s) => s.borough_code);
    for (const s of statuses) if (s.status !== 'ok') ctx.log.warn(m.skippedFailed(s.borough_code));
    removeStaleFeatures(layout.featuresDir, new Set(codes), ctx);
  }

  const summaries: BoroughFeatureSummary[] = [];
  for (const code of codes) summaries.push(await buildBoroughFeatures({ out, borough: code, params }, ctx));
  ctx.log.info(m.done(summaries.length, layout.featuresDir));
  return summaries;
}

function removeStaleFeatures(featuresDir: string, usable: ReadonlySet<string>, ctx: StageContext): void {
  if (!existsSync(featuresDir)) return;
  for (const entry of readdirSync(featuresDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || usable.has(entry.name) || !loadSchema().isLondonBorough(entry.name)) continue;
    rmSync(join(featuresDir, entry.name), { recursive: true, force: true });
    ctx.log.info(m.removedStale(entry.name));
  }
}
