// Toy stages for the run engine's tests: they read and write the same paths
// as the real stages (pipeline/layout.ts), in plain text, deterministically,
// and count their calls, so that tests can see which stages reran.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { outputLayout } from '../../../pipeline/layout.js';
import { flattenNumbers } from '../../../pipeline/run/evaluationApi.js';
import type { StageImplementations } from '../../../pipeline/run/graph/pipelineGraph.js';
import { writeFileAtomic } from '../../../pipeline/util/atomicWrite.js';
import { sha256 } from '../../../pipeline/util/hash.js';

export interface ToyCalls {
  ingest: string[];
  quality: number;
  features: string[];
  train: number;
  evaluate: number;
  rank: string[];
}

export function emptyCalls(): ToyCalls {
  return { ingest: [], quality: 0, features: [], train: 0, evaluate: 0, rank: [] };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Toy stage implementations. `slowMs` makes every per-borough stage write its
 * files one by one with a pause between them (for the kill -9 test).
 */
export function toyStages(calls: ToyCalls = emptyCalls(), options: { slowMs?: number } = {}): StageImplementations {
  const slow = options.slowMs ?? 0;
  const self = fileURLToPath(import.meta.url);
  return {
    listDropBoroughs: (drop) =>
      readdirSync(drop)
        .filter((name) => statSync(join(drop, name)).isDirectory())
        .sort(),
    ingestBorough: async ({ drop, borough, out }, ctx) => {
      calls.ingest.push(borough);
      const layout = outputLayout(out);
      const manifest = JSON.parse(readFileSync(join(drop, borough, 'manifest.json'), 'utf8')) as { tables: Record<string, { file: string }>; fail?: boolean };
      const tables = Object.entries(manifest.tables).sort(([a], [b]) => (a < b ? -1 : 1));
      ctx.progress.start('tables', tables.length, 'tables');
      for (const [i, [table, { file }]] of tables.entries()) {
        if (slow > 0) await sleep(slow);
        const text = readFileSync(join(drop, borough, file), 'utf8');
        writeFileAtomic(join(layout.ingestDir, borough, `${table}.parquet`), text.toUpperCase());
        writeFileAtomic(join(layout.quarantineDir, borough, `${table}.csv`), 'file,line,column,reason,value\n');
        ctx.progress.update(i + 1);
      }
      ctx.progress.finish();
      const status = manifest.fail === true ? 'failed' : 'ok';
      writeFileAtomic(layout.boroughStatus(borough), JSON.stringify({ borough_code: borough, status, tables: tables.map(([t]) => t) }));
      return { status };
    },
    writeQualityReport: async ({ out }) => {
      calls.quality += 1;
      const layout = outputLayout(out);
      const boroughs = readdirSync(layout.ingestDir).sort().map((b) => JSON.parse(readFileSync(layout.boroughStatus(b), 'utf8')) as unknown);
      writeFileAtomic(layout.qualityJson, JSON.stringify({ boroughs }));
      writeFileAtomic(layout.qualityHtml, '<p>quality</p>');
    },
    writeDropDatabase: async ({ out, boroughs }) => {
      writeFileAtomic(outputLayout(out).database, `views over ${boroughs.join(',')}`);
    },
    buildBoroughFeatures: async ({ out, borough, params }, ctx) => {
      calls.features.push(borough);
      const layout = outputLayout(out);
      const dir = join(layout.ingestDir, borough);
      const rows = readdirSync(dir)
        .filter((f) => f.endsWith('.parquet'))
        .sort()
        .map((f) => readFileSync(join(dir, f), 'utf8'))
        .join('|');
      if (slow > 0) await sleep(slow);
      writeFileAtomic(layout.scoringFeatures(borough), `score ${borough} ${params.recent_months} ${sha256(rows)}`);
      if (slow > 0) await sleep(slow);
      writeFileAtomic(layout.trainingFeatures(borough), `train ${borough} ${params.long_months} ${sha256(rows)}`);
      ctx.log.info(`features of ${borough}`);
    },
    trainModel: async ({ out, modelDir, params }, ctx) => {
      calls.train += 1;
      const layout = outputLayout(out);
      const boroughs = readdirSync(layout.featuresDir).sort();
      const data = boroughs.map((b) => readFileSync(layout.trainingFeatures(b), 'utf8')).join('\n');
      ctx.progress.start('epochs', 3, 'epochs');
      for (let epoch = 1; epoch <= 3; epoch++) ctx.progress.update(epoch);
      ctx.progress.finish();
      const fingerprint = sha256(`${data}/${params.seed}/${JSON.stringify(params.train)}`);
      writeFileAtomic(join(modelDir, 'metadata.json'), JSON.stringify({ fingerprint, boroughs }));
      writeFileAtomic(join(modelDir, 'weights.bin'), fingerprint.repeat(4));
    },
    evaluateModel: async ({ out, modelDir, truth, params }) => {
      calls.evaluate += 1;
      const layout = outputLayout(out);
      const model = readFileSync(join(modelDir, 'metadata.json'), 'utf8');
      const score = parseInt(sha256(`${model}/${params.evaluate.k.join(',')}`).slice(0, 4), 16) / 65536;
      const metrics = { headline: { lobo: { precision_at_100: Number(score.toFixed(4)), roc_auc: Number((0.5 + score / 2).toFixed(4)) } }, truth: truth !== undefined && existsSync(truth) };
      writeFileAtomic(layout.metricsJson, JSON.stringify(metrics, null, 2));
      writeFileAtomic(layout.evaluationHtml, '<p>evaluation</p>');
    },
    rankBorough: async ({ out, modelDir, borough, params, listsOut }) => {
      calls.rank.push(borough);
      const layout = outputLayout(out);
      const lists = outputLayout(listsOut);
      const model = readFileSync(join(modelDir, 'metadata.json'), 'utf8');
      const features = readFileSync(layout.scoringFeatures(borough), 'utf8');
      writeFileAtomic(lists.listCsv(borough), `rank,address\n1,${sha256(model + features + params.top).slice(0, 8)}\n`);
      writeFileAtomic(lists.listHtml(borough), `<p>${borough} top ${params.top}</p>`);
    },
    modules: { ingest: [self], quality: [self], database: [self], features: [self], train: [self], evaluate: [self], rank: [self] },
  };
}

/** A small drop: boroughs with a manifest and two tables each. */
export function writeToyDrop(drop: string, boroughs: readonly string[]): void {
  for (const borough of boroughs) writeToyBorough(drop, borough, { properties: `uprn\n1\n2\n${borough}\n`, inspections: 'uprn,outcome\n1,hmo\n' });
}

export function writeToyBorough(drop: string, borough: string, tables: Record<string, string>, extra: Record<string, unknown> = {}): void {
  const manifest = {
    standard: 'hmo-harmonised/1.0',
    borough_code: borough,
    tables: Object.fromEntries(Object.keys(tables).map((t) => [t, { file: `${t}.csv`, rows: 1 }])),
    ...extra,
  };
  writeFileAtomic(join(drop, borough, 'manifest.json'), JSON.stringify(manifest));
  for (const [table, text] of Object.entries(tables)) writeFileAtomic(join(drop, borough, `${table}.csv`), text);
}

/** The toy evaluation helpers: headline figures from `headline`, and a threshold rule on precision. */
export const toyEvaluation = {
  headline: (metrics: unknown) => flattenNumbers((metrics as { headline: unknown }).headline),
  decide: toyDecide,
};

export function toyDecide(candidate: unknown, champion: unknown, rules: { max_precision_at_100_drop: number }): { pass: boolean; reasons: string[] } {
  const p = (m: unknown) => (m as { headline: { lobo: { precision_at_100: number } } }).headline.lobo.precision_at_100;
  if (champion === undefined) return { pass: true, reasons: ['no champion to compare with'] };
  const drop = p(champion) - p(candidate);
  return drop > rules.max_precision_at_100_drop
    ? { pass: false, reasons: [`precision@100 drops by ${drop.toFixed(4)}`] }
    : { pass: true, reasons: [`precision@100 changes by ${(-drop).toFixed(4)}`] };
}
