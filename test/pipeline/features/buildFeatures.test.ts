import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFeatures } from '../../../pipeline/features/buildFeatures.js';
import { FeaturesError } from '../../../pipeline/errors/FeaturesError.js';
import { outputLayout } from '../../../pipeline/layout.js';
import { main } from '../../../pipeline/main.js';
import { featuresMessages } from '../../../pipeline/messages/features.js';
import { DEFAULT_PARAMS } from '../../../pipeline/params/Params.js';
import { silentContext, type StageContext } from '../../../pipeline/stage.js';
import { writeIngestedBorough } from '../../helpers/writeIngestedBorough.js';
import { CAMDEN, camdenFixture } from './fixtureBorough.js';
import { parquetColumns, readParquetRows } from './readParquetRows.js';
import { featureNames } from '../../../pipeline/features/catalogue.js';

const params = DEFAULT_PARAMS.features;
const CITY = 'E09000001';

let out: string;
beforeEach(() => {
  out = mkdtempSync(join(tmpdir(), 'hmo-features-all-'));
});
afterEach(() => rmSync(out, { recursive: true, force: true }));

function recordingContext(): StageContext & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    log: { info: (m) => lines.push(m), warn: (m) => lines.push(`warn: ${m}`) },
    progress: silentContext.progress,
  };
}

async function captureStderr(run: () => Promise<number>): Promise<{ code: number; text: string }> {
  const write = process.stderr.write;
  let text = '';
  process.stderr.write = ((chunk: string) => {
    text += chunk;
    return true;
  }) as typeof process.stderr.write;
  try {
    return { code: await run(), text };
  } finally {
    process.stderr.write = write;
  }
}

describe('buildFeatures', () => {
  test('builds every usable borough, skips a failed one and removes its stale features', async () => {
    await writeIngestedBorough(out, camdenFixture());
    await writeIngestedBorough(out, { code: CITY, extractDate: '2026-09-30', tables: {}, status: 'failed' });
    const stale = outputLayout(out).scoringFeatures(CITY);
    mkdirSync(join(stale, '..'), { recursive: true });
    writeFileSync(stale, 'old');
    const ctx = recordingContext();
    const summaries = await buildFeatures({ out, params }, ctx);
    expect(summaries.map((s) => s.borough_code)).toEqual([CAMDEN]);
    expect(existsSync(outputLayout(out).scoringFeatures(CAMDEN))).toBe(true);
    expect(existsSync(stale)).toBe(false);
    expect(ctx.lines).toContain(`warn: ${featuresMessages.skippedFailed(CITY)}`);
    expect(ctx.lines).toContain(featuresMessages.removedStale(CITY));
  });

  test('a named borough that failed ingest, or was never ingested, is an error that says so', async () => {
    await writeIngestedBorough(out, camdenFixture());
    await writeIngestedBorough(out, { code: CITY, extractDate: '2026-09-30', tables: {}, status: 'failed' });
    await expect(buildFeatures({ out, boroughs: [CITY], params }, silentContext)).rejects.toThrow(FeaturesError);
    await expect(buildFeatures({ out, boroughs: ['E09000033'], params }, silentContext)).rejects.toThrow(
      featuresMessages.notIngested('E09000033', out),
    );
  });

  test('a borough with no rows at all gets empty files with every column', async () => {
    await writeIngestedBorough(out, { code: CITY, extractDate: '2026-09-30', tables: {} });
    const [summary] = await buildFeatures({ out, params }, silentContext);
    expect(summary).toMatchObject({ score_rows: 0, train_rows: 0, positives: 0 });
    expect(await readParquetRows(outputLayout(out).scoringFeatures(CITY))).toEqual([]);
    expect((await parquetColumns(outputLayout(out).trainingFeatures(CITY))).map((c) => c.name)).toEqual([
      'borough_code', 'uprn', 'as_of', ...featureNames(), 'label', 'inspection_date', 'trigger', 'declared',
    ]);
  });

  test('nothing ingested is an error', async () => {
    await expect(buildFeatures({ out, params }, silentContext)).rejects.toThrow(featuresMessages.noIngest(out));
  });
});

describe('hmo features', () => {
  test('exit 0 and a summary line per borough', async () => {
    await writeIngestedBorough(out, camdenFixture());
    const { code, text } = await captureStderr(() => main(['features', '--out', out, '--borough', CAMDEN]));
    expect(code).toBe(0);
    expect(text).toContain(`${CAMDEN}: 6 properties scored as of 2026-09-30; 5 labelled properties for training (4 hmo, 1 not-hmo); 2 of them declared HMOs at the time`);
    expect(existsSync(outputLayout(out).trainingFeatures(CAMDEN))).toBe(true);
  });

  test('exit 1 when nothing was ingested, 2 for a code that is not a London borough or a bad params file', async () => {
    expect((await captureStderr(() => main(['features', '--out', out]))).code).toBe(1);
    const bad = await captureStderr(() => main(['features', '--out', out, '--borough', 'E0900007']));
    expect(bad).toEqual({ code: 2, text: `${featuresMessages.notALondonCode('E0900007')}\n` });
    const paramsFile = join(out, 'params.yaml');
    writeFileSync(paramsFile, 'features:\n  recent_months: 0\n');
    expect((await captureStderr(() => main(['features', '--out', out, '--params', paramsFile]))).code).toBe(2);
  });

  test('params windows reach the files', async () => {
    await writeIngestedBorough(out, camdenFixture());
    const paramsFile = join(out, 'params.json');
    writeFileSync(paramsFile, JSON.stringify({ features: { recent_months: 6, long_months: 24 } }));
    expect((await captureStderr(() => main(['features', '--out', out, '--params', paramsFile]))).code).toBe(0);
    const rows = await readParquetRows(outputLayout(out).scoringFeatures(CAMDEN));
    // property 1's noise complaints: 2026-09-30 is within 6 months (from 2026-03-30), 2026-01-15 is not
    expect(rows[0]?.complaints_noise_recent).toBe(1);
  });
});
