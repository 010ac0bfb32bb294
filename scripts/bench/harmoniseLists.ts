/**
 * End to end, at small scale: do a borough's harmonised raw exports give the
 * same inspection lists as the clean drop they came from? After
 * `harmoniseBench.js` (which harmonised every borough of a cached drop into
 * OUT/<GSS>/drop/<GSS>):
 *   1. `hmo run` on the clean drop (its model is the one both lists use, so that only the data differ);
 *   2. `hmo ingest`, `hmo features`, `hmo rank --model <that model>` on the harmonised boroughs;
 *   3. per borough: candidates in each list, and how many of the clean list's top 50 / 100 / 200
 *      are in the harmonised list's top 50 / 100 / 200 (the rest are matching errors: rows held
 *      for review or matched to no property are missing from the harmonised drop).
 * Writes OUT/lists_comparison.json and prints a Markdown table.
 *
 *   node dist/scripts/bench/harmoniseLists.js --clean scripts/bench/cache/drops/<entry> --harmonised scripts/bench/cache/harmonise/b3-s1-mixed
 */
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { RawCsvReader } from '../../pipeline/harmonise/read/RawCsvReader.js';
import { runLists } from './accuracy.js';
import { measureCommand } from './measureCommand.js';

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

function listUprns(path: string): string[] {
  const records = new RawCsvReader(path).records();
  const header = records.next().value?.fields ?? [];
  const at = header.indexOf('uprn');
  const out: string[] = [];
  for (let next = records.next(); !next.done; next = records.next()) out.push(next.value.fields[at] ?? '');
  return out;
}

async function main(): Promise<void> {
  const args = await yargs(hideBin(process.argv))
    .option('clean', { type: 'string', demandOption: true, describe: 'The cached drop entry (holds drop/ and truth.csv)' })
    .option('harmonised', { type: 'string', demandOption: true, describe: 'The harmoniseBench output folder (holds <GSS>/drop/<GSS>)' })
    .strict()
    .parseAsync();
  const clean = resolve(args.clean);
  const harmonised = resolve(args.harmonised);
  const work = join(harmonised, 'lists');
  const drop = join(work, 'drop');
  rmSync(drop, { recursive: true, force: true });
  rmSync(join(work, 'harmonised-out'), { recursive: true, force: true });
  mkdirSync(drop, { recursive: true });
  const boroughs = readdirSync(harmonised).filter((b) => /^E09\d{6}$/.test(b)).sort();
  // One drop of the harmonised boroughs (copied: a drop's borough folders are real folders).
  for (const b of boroughs) cpSync(join(harmonised, b, 'drop', b), join(drop, b), { recursive: true });
  const cli = join(root, 'dist', 'pipeline', 'cli.js');
  const run = async (command: string[]) => {
    const m = await measureCommand([process.execPath, cli, ...command], { cwd: root, logFile: join(work, 'log.txt') });
    if (m.exitCode !== 0) throw new Error(`hmo ${command.join(' ')} failed: ${m.stderrTail.join('\n')}`);
  };
  const cleanOut = join(work, 'clean-out');
  const harmonisedOut = join(work, 'harmonised-out');
  // The clean run is kept between calls (its model is the reference).
  if (!existsSync(join(cleanOut, 'model'))) await run(['run', '--drop', join(clean, 'drop'), '--out', cleanOut, '--truth', join(clean, 'truth.csv'), '--quiet']);
  await run(['ingest', '--drop', drop, '--out', harmonisedOut]);
  await run(['features', '--out', harmonisedOut]);
  // Another model than a champion: its lists go to a folder of their own (OUT/lists is the champion's only).
  const harmonisedLists = join(work, 'harmonised-lists');
  await run(['rank', '--drop-db', harmonisedOut, '--model', join(cleanOut, 'model'), '--out', harmonisedLists]);
  const cleanLists = runLists(cleanOut);
  const rows = boroughs.map((b) => {
    const a = listUprns(cleanLists.get(b) ?? join(cleanOut, 'lists', b, 'inspection_list.csv'));
    const h = listUprns(join(harmonisedLists, 'lists', b, 'inspection_list.csv'));
    const overlap = (n: number) => {
      const top = new Set(h.slice(0, n));
      return a.slice(0, n).filter((u) => top.has(u)).length / Math.max(1, Math.min(n, a.length));
    };
    return { borough: b, clean_candidates: a.length, harmonised_candidates: h.length, top50: overlap(50), top100: overlap(100), top200: overlap(200) };
  });
  writeFileSync(join(harmonised, 'lists_comparison.json'), `${JSON.stringify(rows, null, 2)}\n`);
  process.stdout.write('| borough | candidates (clean / harmonised) | same top 50 | same top 100 | same top 200 |\n|---|---|---|---|---|\n');
  for (const r of rows) {
    process.stdout.write(`| ${r.borough} | ${r.clean_candidates.toLocaleString('en-GB')} / ${r.harmonised_candidates.toLocaleString('en-GB')} | ${(100 * r.top50).toFixed(0)}% | ${(100 * r.top100).toFixed(0)}% | ${(100 * r.top200).toFixed(0)}% |\n`);
  }
}

await main();
