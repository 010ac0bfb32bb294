import { PEER_TARGETS, TARGETS, stageSeconds, type BenchResults, type PeerFigures, type PipelineFigures, type ScalingPoint, type ScanFigures, type TargetCheck } from './BenchResults.js';

const GIB = 1024 ** 3;

/**
 * Marginal cost of the scaling series: seconds per million source rows
 * between consecutive points (fixed start-up costs cancel out), and the ratio
 * of the last segment's slope to the slope from the smallest point to the
 * last-but-one (a long baseline, so that noise between two tiny points does
 * not decide it). A ratio near 1 means linear growth; well above 1,
 * super-linear.
 *
 * @example
 *   scalingSlopes([{ source_rows: 1e6, wall_seconds: 12 }, { source_rows: 3e6, wall_seconds: 30 }, ...]);
 */
export function scalingSlopes(points: ReadonlyArray<Pick<ScalingPoint, 'source_rows' | 'wall_seconds' | 'ok'>>): {
  secondsPerMillionRows: number[];
  ratio: number | null;
} {
  const usable = points.filter((p) => p.ok && p.wall_seconds !== null && p.source_rows > 0).sort((a, b) => a.source_rows - b.source_rows);
  const slopes: number[] = [];
  for (let i = 1; i < usable.length; i++) {
    const a = usable[i - 1];
    const b = usable[i];
    if (a === undefined || b === undefined || b.source_rows === a.source_rows) continue;
    slopes.push((((b.wall_seconds as number) - (a.wall_seconds as number)) / (b.source_rows - a.source_rows)) * 1e6);
  }
  const last = slopes[slopes.length - 1];
  const start = usable[0];
  const before = usable[usable.length - 2];
  const baseline =
    start !== undefined && before !== undefined && before.source_rows > start.source_rows
      ? (((before.wall_seconds as number) - (start.wall_seconds as number)) / (before.source_rows - start.source_rows)) * 1e6
      : undefined;
  return { secondsPerMillionRows: slopes, ratio: slopes.length >= 2 && baseline !== undefined && last !== undefined && baseline > 0 ? last / baseline : null };
}

/**
 * Checks a benchmark's figures against the targets of issue 7 (whole pipeline
 * under 5 minutes, peak memory under 4 GiB, ingest within 3x of a bare
 * DuckDB scan, 200,000 properties scored per second, linear growth) and the
 * goals against the peer (2x faster, half the memory, precision@100 at
 * least the best peer model's). A figure this run did not measure is `met: null`.
 *
 * @example
 *   checkTargets(results).filter((t) => t.met === false); // the misses
 */
export function checkTargets(results: BenchResults): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const add = (id: string, description: string, target: string, value: number | null, format: (v: number) => string, met: (v: number) => boolean) =>
    checks.push({ id, description, target, value: value === null ? 'not measured' : format(value), met: value === null ? null : met(value) });
  const pipeline = results.pipeline?.ok === true ? results.pipeline : null;
  const peer = results.peer?.ok === true ? results.peer : null;

  add('end_to_end', 'Whole pipeline, end to end (hmo run, validation folds included)', `< ${TARGETS.endToEndSeconds} s`, pipeline?.wall_seconds ?? null, (v) => `${v.toFixed(1)} s`, (v) => v < TARGETS.endToEndSeconds);
  add('peak_memory', 'Peak resident memory of the run (process tree)', `< ${TARGETS.peakRssBytes / GIB} GiB`, pipeline?.peak_rss_bytes ?? null, (v) => `${(v / GIB).toFixed(2)} GiB`, (v) => v < TARGETS.peakRssBytes);
  const ingest = stageSeconds(pipeline, 'ingest');
  const scan = results.scan?.ok === true ? results.scan.scan_seconds : null;
  add('ingest_vs_scan', 'Ingest time over a bare DuckDB count(*) scan of the same CSV files', `≤ ${TARGETS.ingestOverScan}x`, ingest !== null && scan !== null && scan > 0 ? ingest / scan : null, (v) => `${v.toFixed(2)}x`, (v) => v <= TARGETS.ingestOverScan);
  add('scoring_rate', 'Properties scored per second (the model scoring rank\'s candidates)', `≥ ${TARGETS.scoringPropertiesPerSecond.toLocaleString('en-GB')}/s`, pipeline?.throughput.scoring_properties_per_second ?? null, (v) => `${Math.round(v).toLocaleString('en-GB')}/s`, (v) => v >= TARGETS.scoringPropertiesPerSecond);
  const slopes = scalingSlopes(results.scaling);
  add('linear_growth', 'Cost per extra row: last step of the scaling series over the steps before it', `≤ ${TARGETS.scalingSlopeRatio}`, slopes.ratio, (v) => v.toFixed(2), (v) => v <= TARGETS.scalingSlopeRatio);
  add('speedup_vs_peer', 'Peer end-to-end time over ours (same drop, same run)', `≥ ${TARGETS.speedupOverPeer}x`, pipeline !== null && peer !== null ? peer.wall_seconds / pipeline.wall_seconds : null, (v) => `${v.toFixed(2)}x`, (v) => v >= TARGETS.speedupOverPeer);
  add('memory_vs_peer', 'Our peak memory over the peer\'s', `≤ ${TARGETS.memoryOverPeer}`, pipeline !== null && peer !== null && peer.peak_rss_bytes > 0 ? pipeline.peak_rss_bytes / peer.peak_rss_bytes : null, (v) => v.toFixed(2), (v) => v <= TARGETS.memoryOverPeer);
  const ours = pipeline?.lobo.find((f) => f.model === pipeline.chosen_model) ?? bestOf(pipeline?.lobo ?? []);
  const bestPeer = bestOf(peer?.lobo ?? []);
  add(
    'precision_vs_peer',
    `Leave-borough-out precision@${ours?.k ?? 100}: ours (${ours?.model ?? '?'}) minus the best peer model's (${bestPeer?.model ?? '?'})`,
    '≥ 0',
    ours?.precision_at_k != null && bestPeer?.precision_at_k != null ? ours.precision_at_k - bestPeer.precision_at_k : null,
    (v) => `${v >= 0 ? '+' : ''}${v.toFixed(3)}`,
    (v) => v >= 0,
  );
  checks.push(...checkPeerTargets(results));
  return checks;
}

/** One size of the comparison as the checks read it: our run, the peer's and the bare scan, each only when it finished. */
interface SizeRuns {
  label: string;
  pipeline: PipelineFigures | null;
  peer: PeerFigures | null;
  scan: ScanFigures | null;
}

/**
 * The targets of issue 16: at every size of the comparison (the smaller
 * generated sizes, then the main drop, London in a full benchmark) our wall
 * time and peak memory at most half the peer's and ingest within 3x of the
 * bare scan; London end to end ≤ 120 s and ≤ 3 GiB (checked only when the
 * main drop is London); `hmo --help` ≤ 0.3 s.
 *
 * @example
 *   checkPeerTargets(results).find((t) => t.id === 'time_vs_peer:4 boroughs × 100,000 properties');
 */
export function checkPeerTargets(results: BenchResults): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const add = (id: string, description: string, target: string, value: number | null, format: (v: number) => string, met: (v: number) => boolean) =>
    checks.push({ id, description, target, value: value === null ? 'not measured' : format(value), met: value === null ? null : met(value) });
  const ok = <T extends { ok: boolean }>(run: T | null | undefined): T | null => (run?.ok === true ? run : null);
  const sizes: SizeRuns[] = (results.sizes ?? []).map((s) => ({ label: s.label, pipeline: ok(s.pipeline), peer: ok(s.peer), scan: ok(s.scan) }));
  if (results.pipeline !== null || results.peer !== null) {
    const drop = results.drop;
    const label = results.london_scale ? 'London' : `main drop (${drop?.boroughs ?? '?'} boroughs × ${drop?.properties.toLocaleString('en-GB') ?? '?'} properties)`;
    sizes.push({ label, pipeline: ok(results.pipeline), peer: ok(results.peer), scan: ok(results.scan) });
  }
  for (const s of sizes) {
    add(`time_vs_peer:${s.label}`, `${s.label}: our wall time over the peer's`, `≤ ${PEER_TARGETS.timeOverPeer}x`, s.pipeline !== null && s.peer !== null && s.peer.wall_seconds > 0 ? s.pipeline.wall_seconds / s.peer.wall_seconds : null, (v) => `${v.toFixed(2)}x`, (v) => v <= PEER_TARGETS.timeOverPeer);
    add(`memory_vs_peer:${s.label}`, `${s.label}: our peak memory over the peer's`, `≤ ${PEER_TARGETS.memoryOverPeer}x`, s.pipeline !== null && s.peer !== null && s.peer.peak_rss_bytes > 0 ? s.pipeline.peak_rss_bytes / s.peer.peak_rss_bytes : null, (v) => `${v.toFixed(2)}x`, (v) => v <= PEER_TARGETS.memoryOverPeer);
    const ingest = stageSeconds(s.pipeline, 'ingest');
    const scan = s.scan?.scan_seconds ?? null;
    add(`ingest_vs_scan:${s.label}`, `${s.label}: ingest over a bare DuckDB scan of the same files`, `≤ ${PEER_TARGETS.ingestOverScan}x`, ingest !== null && scan !== null && scan > 0 ? ingest / scan : null, (v) => `${v.toFixed(2)}x`, (v) => v <= PEER_TARGETS.ingestOverScan);
  }
  const london = results.london_scale ? ok(results.pipeline) : null;
  add('london_seconds', 'London end to end (hmo run)', `≤ ${PEER_TARGETS.londonSeconds} s`, london?.wall_seconds ?? null, (v) => `${v.toFixed(1)} s`, (v) => v <= PEER_TARGETS.londonSeconds);
  add('london_memory', 'London peak resident memory (process tree)', `≤ ${PEER_TARGETS.londonPeakRssBytes / GIB} GiB`, london?.peak_rss_bytes ?? null, (v) => `${(v / GIB).toFixed(2)} GiB`, (v) => v <= PEER_TARGETS.londonPeakRssBytes);
  const help = results.help ?? null;
  add('help_seconds', `hmo --help (median of ${help?.runs ?? '?'}; node -e 0 took ${help === null ? '?' : `${help.node_seconds.toFixed(3)} s`} in the same loop)`, `≤ ${PEER_TARGETS.helpSeconds} s`, help?.help_seconds ?? null, (v) => `${v.toFixed(3)} s`, (v) => v <= PEER_TARGETS.helpSeconds);
  return checks;
}

/** The model with the highest precision@k (then ROC AUC). */
export function bestOf<T extends { precision_at_k: number | null; roc_auc: number | null }>(figures: readonly T[]): T | undefined {
  return [...figures].sort((a, b) => (b.precision_at_k ?? -1) - (a.precision_at_k ?? -1) || (b.roc_auc ?? -1) - (a.roc_auc ?? -1))[0];
}
