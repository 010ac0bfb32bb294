import { existsSync, readFileSync, rmSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { outputLayout } from '../../layout.js';
import { listsMessages as m } from '../../messages/run.js';
import { DEFAULT_PARAMS, type Params } from '../../params/Params.js';
import type { StageContext } from '../../stage.js';
import { writeFileAtomic } from '../../util/atomicWrite.js';
import { hashJson } from '../../util/hash.js';
import { ModelRegistry } from './ModelRegistry.js';
import { RunStore, type RunRecord } from './RunRecord.js';

/** OUT/lists/lists.json: what the officers' lists are, so that a run can tell whether they are current without reading them. */
export interface ListsProvenance {
  /** The champion whose model ranked the lists, and its model folder (relative to OUT). */
  champion_run: string;
  model: string;
  /** The run whose data (ingest and features in OUT) the lists were ranked on, and that data's fingerprint. */
  data_run: string;
  data_fingerprint: string | null;
  /** The rank params the lists were written with (the champion run's, or those `hmo rank` was given). */
  rank: Params['rank'];
  boroughs: string[];
  /** Hash of all of the above: equal keys, equal lists. */
  key: string;
}

/** What `publishChampionLists` did. */
export type PublishedLists =
  | { status: 'no-champion'; notice: string }
  | { status: 'current' | 'published'; champion_run: string; lists: Record<string, string> };

export interface PublishChampionListsInputs {
  out: string;
  /** Ranks one borough into `listsOut`/lists/<GSS>/ (the rank stage's `rankBorough`, or a test's). */
  rankBorough(inputs: { out: string; modelDir: string; borough: string; params: Params['rank']; listsOut: string }, ctx: StageContext): Promise<unknown>;
  /** Rank again even when the lists are current (`hmo rank`, a promotion). */
  force?: boolean;
  /** The run whose data is in OUT (default: the successful run that finished last). */
  dataRun?: RunRecord;
  /** Rank with these params instead (`hmo rank --top/--params`); else those the lists were written with, or the champion run's. */
  rank?: Params['rank'];
}

/**
 * Keeps OUT/lists, the lists officers receive, the champion's: ranked by the
 * champion model on the data in OUT (that of the latest successful run).
 * They change only when a model is promoted or the data changes under the
 * champion; a run's own candidate lists stay with its record
 * (OUT/runs/<id>/lists/). Whether they are current is told by
 * OUT/lists/lists.json (champion, data fingerprint, params), never by hashing
 * the list files, so a list a team has filled in is never taken for a
 * tampered output (and `rankBorough` keeps a filled-in list aside before
 * replacing it). Before any champion exists, OUT/lists holds only a notice
 * saying so, and no list.
 *
 * @example
 *   const published = await publishChampionLists({ out: 'out/sample', rankBorough }, ctx);
 *   published.status; // 'no-champion' | 'current' | 'published'
 */
export async function publishChampionLists(inputs: PublishChampionListsInputs, ctx: StageContext): Promise<PublishedLists> {
  const out = resolve(inputs.out);
  const layout = outputLayout(out);
  const champion = new ModelRegistry(out).champion();
  if (champion === null) {
    writeFileAtomic(layout.listsNotice, m.notice());
    return { status: 'no-champion', notice: layout.listsNotice };
  }
  const store = new RunStore(out);
  const dataRun = inputs.dataRun ?? latestFinished(store.list());
  const boroughs = dataRun?.usable_boroughs ?? [];
  const existing = readProvenance(layout.listsProvenance);
  const championParams = store.params(champion.run_id) as Partial<Params> | undefined;
  const rank =
    inputs.rank ?? (existing !== undefined && existing.champion_run === champion.run_id ? existing.rank : { ...DEFAULT_PARAMS.rank, ...championParams?.rank });
  const dataRunParams = dataRun === undefined ? undefined : (store.params(dataRun.run_id) as Partial<Params> | undefined);
  const identity = {
    champion_run: champion.run_id,
    model: champion.model,
    data_run: dataRun?.run_id ?? '',
    data_fingerprint: dataRun?.data_fingerprint ?? null,
    rank,
    boroughs,
  };
  // The data run's id is left out of the key: a rerun on the same data and features params gives the same lists.
  const key = hashJson({ ...identity, data_run: null, features: dataRunParams?.features ?? null });
  const lists = Object.fromEntries(boroughs.map((b) => [b, toRelative(out, layout.listCsv(b))]));
  const whole = boroughs.every((b) => existsSync(layout.listCsv(b)) && existsSync(layout.listHtml(b)));
  if (inputs.force !== true && existing?.key === key && whole) return { status: 'current', champion_run: champion.run_id, lists };

  const modelDir = resolve(out, champion.model);
  for (const borough of boroughs) await inputs.rankBorough({ out, modelDir, borough, params: rank, listsOut: out }, ctx);
  rmSync(layout.listsNotice, { force: true });
  const provenance: ListsProvenance = { ...identity, key };
  writeFileAtomic(layout.listsProvenance, `${JSON.stringify(provenance, null, 2)}\n`);
  ctx.log.info(m.published(champion.run_id, boroughs.length, layout.listsDir));
  return { status: 'published', champion_run: champion.run_id, lists };
}

/** The successful run that finished last (ids sort by start second only, so two runs in one second need the finish time). */
function latestFinished(runs: readonly RunRecord[]): RunRecord | undefined {
  return runs
    .filter((r) => r.status === 'ok')
    .sort((a, b) => ((a.finished_at ?? '') < (b.finished_at ?? '') ? -1 : (a.finished_at ?? '') > (b.finished_at ?? '') ? 1 : 0))
    .pop();
}

function readProvenance(file: string): ListsProvenance | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ListsProvenance;
  } catch {
    return undefined;
  }
}

function toRelative(out: string, path: string): string {
  return relative(out, path).split(sep).join('/');
}
