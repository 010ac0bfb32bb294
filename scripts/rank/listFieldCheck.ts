/**
 * How many undeclared HMOs the top of each written inspection list would find,
 * against a random order and a complaint-led order of the same candidates, on
 * a synthetic drop whose truth.csv is known. Truth is read here only: it never
 * feeds the model or the lists.
 *
 *   node dist/scripts/rank/listFieldCheck.js --drop-db OUT --lists OUT --truth DIR/truth.csv [--k 100] [--seed 42]
 */
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import Papa from 'papaparse';
import { openDropDb } from '../../pipeline/db/openDropDb.js';
import { sqlString } from '../../pipeline/db/Duck.js';
import { outputLayout } from '../../pipeline/layout.js';
import { usableBoroughs } from '../../pipeline/rank/rankBoroughs.js';
import { Random } from '../../pipeline/util/Random.js';

export interface BoroughFieldCheck {
  borough_code: string;
  candidates: number;
  /** Undeclared HMOs (truth is_hmo = 1, not licensed) among all candidates. */
  undeclared: number;
  k: number;
  /** Found in the list's top k. */
  model: number;
  /** Expected in k candidates drawn at random: k × undeclared / candidates. */
  random: number;
  /** Found in the top k ordered by complaints in the 12 months to the extract date (ties in seeded random order). */
  complaint_led: number;
  /** The most any order could find: min(k, undeclared). */
  oracle: number;
}

/**
 * The field check of every borough list under `lists`.
 *
 * @example
 *   const rows = await listFieldCheck({ dropDb: 'out', lists: 'out', truth: 'gen/truth.csv', k: 100, seed: 42 });
 */
export async function listFieldCheck(options: { dropDb: string; lists: string; truth: string; k: number; seed: number }): Promise<BoroughFieldCheck[]> {
  const truth = Papa.parse<Record<string, string>>(readFileSync(options.truth, 'utf8'), { header: true, skipEmptyLines: true }).data;
  const yes = (value: string | undefined) => value === '1' || value === 'true';
  const undeclared = new Set(truth.filter((t) => yes(t.is_hmo) && !yes(t.is_licensed)).map((t) => `${t.borough_code}/${t.uprn}`));
  const layout = outputLayout(options.lists);
  const results: BoroughFieldCheck[] = [];
  const db = await openDropDb(options.dropDb);
  try {
    for (const code of usableBoroughs(options.dropDb)) {
      const file = layout.listCsv(code);
      if (!existsSync(file)) continue;
      const list = Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true }).data;
      const isUndeclared = (uprn: string) => undeclared.has(`${code}/${uprn}`);
      const uprns = list.map((r) => r.uprn ?? '');
      const total = uprns.filter(isUndeclared).length;
      const complaints = new Map(
        (
          await db.json<{ uprn: string; n: number }>(`
            SELECT CAST(c.uprn AS VARCHAR) AS uprn, count(*)::INTEGER AS n
            FROM complaints c JOIN boroughs b USING (borough_code)
            WHERE c.borough_code = ${sqlString(code)} AND c.uprn IS NOT NULL
              AND c.received_date > b.extract_date - INTERVAL 12 MONTH AND c.received_date <= b.extract_date
            GROUP BY ALL`)
        ).map((r) => [r.uprn, Number(r.n)]),
      );
      // Shuffled from UPRN order, so the complaint-led baseline does not depend on the model's list order.
      const byUprn = [...uprns].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
      const shuffled = new Random(options.seed).fork(code).shuffle(byUprn);
      const complaintLed = shuffled
        .map((uprn, i) => ({ uprn, i, n: complaints.get(uprn) ?? 0 }))
        .sort((a, b) => b.n - a.n || a.i - b.i)
        .map((r) => r.uprn);
      const k = Math.min(options.k, uprns.length);
      results.push({
        borough_code: code,
        candidates: uprns.length,
        undeclared: total,
        k,
        model: uprns.slice(0, k).filter(isUndeclared).length,
        random: uprns.length === 0 ? 0 : (k * total) / uprns.length,
        complaint_led: complaintLed.slice(0, k).filter(isUndeclared).length,
        oracle: Math.min(k, total),
      });
    }
  } finally {
    db.close();
  }
  return results;
}

/** The figures as a Markdown table, with a total row. */
export function fieldCheckMarkdown(rows: readonly BoroughFieldCheck[]): string {
  const sum = (f: (r: BoroughFieldCheck) => number) => rows.reduce((s, r) => s + f(r), 0);
  const line = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
  const total = { model: sum((r) => r.model), random: sum((r) => r.random), complaint: sum((r) => r.complaint_led), oracle: sum((r) => r.oracle) };
  return [
    line(['borough', 'candidates', 'undeclared HMOs', 'k', 'model top k', 'random (expected)', 'complaint-led', 'oracle']),
    line(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...rows.map((r) => line([r.borough_code, r.candidates, r.undeclared, r.k, r.model, r.random.toFixed(1), r.complaint_led, r.oracle])),
    line(['all', sum((r) => r.candidates), sum((r) => r.undeclared), sum((r) => r.k), total.model, total.random.toFixed(1), total.complaint, total.oracle]),
    '',
    `Model vs random: ${(total.model / Math.max(total.random, 1e-9)).toFixed(1)}×; model vs complaint-led: ${(total.model / Math.max(total.complaint, 1)).toFixed(1)}×.`,
  ].join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string, fallback?: string) => {
    const i = process.argv.indexOf(`--${name}`);
    const value = i >= 0 ? process.argv[i + 1] : fallback;
    if (value === undefined) throw new Error(`--${name} is required`);
    return value;
  };
  const dropDb = arg('drop-db');
  const rows = await listFieldCheck({ dropDb, lists: arg('lists', dropDb), truth: arg('truth'), k: Number(arg('k', '100')), seed: Number(arg('seed', '42')) });
  process.stdout.write(`${fieldCheckMarkdown(rows)}\n`);
}
