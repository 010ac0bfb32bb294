// A learner-independent check of the features: scikit-learn's HistGradientBoosting, leave-borough-out, on OUT's train.parquet.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { Duck, sqlString } from '../../../pipeline/db/Duck.js';
import { outputLayout } from '../../../pipeline/layout.js';
import { packageRoot } from '../../../pipeline/util/packageRoot.js';

/**
 * Exports every borough's training rows under OUT to one CSV (Debian's
 * Python has no Parquet reader) and runs `learner_check.py` on it with
 * /usr/bin/python3 (python3-sklearn, python3-pandas), printing its JSON.
 *
 * @example
 *   node dist/scripts/bench/check/learnerCheck.js --out /tmp/w11 [--latest-only-train]
 */
export async function learnerCheck(out: string, latestOnlyTrain: boolean): Promise<string> {
  const layout = outputLayout(out);
  const files = existsSync(layout.featuresDir)
    ? readdirSync(layout.featuresDir).sort().map((code) => layout.trainingFeatures(code)).filter((file) => existsSync(file))
    : [];
  if (files.length === 0) throw new Error(`No train.parquet under ${layout.featuresDir}: run hmo features (or hmo run) first`);
  const dir = mkdtempSync(join(tmpdir(), 'hmo-learner-check-'));
  try {
    const csv = join(dir, 'train.csv');
    const db = await Duck.open();
    try {
      await db.run(`COPY (SELECT * FROM read_parquet([${files.map(sqlString).join(', ')}], union_by_name = true) ORDER BY borough_code, uprn, as_of) TO ${sqlString(csv)} (HEADER, DELIMITER ',')`);
    } finally {
      db.close();
    }
    const script = join(packageRoot(), 'scripts', 'bench', 'check', 'learner_check.py');
    const result = spawnSync('/usr/bin/python3', [script, '--csv', csv, ...(latestOnlyTrain ? ['--latest-only-train'] : [])], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, OMP_NUM_THREADS: process.env.OMP_NUM_THREADS ?? '1' } });
    if (result.status !== 0) throw new Error(`learner_check.py failed (exit ${result.status}): ${result.stderr}`);
    return result.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const argv = await yargs(hideBin(process.argv))
    .option('out', { type: 'string', demandOption: true, describe: 'an hmo output folder with features/<GSS>/train.parquet' })
    .option('latest-only-train', { type: 'boolean', default: false, describe: "fit on each property's latest row only" })
    .strict()
    .parse();
  process.stdout.write(await learnerCheck(argv.out, argv['latest-only-train']));
}
