import { rmSync } from 'node:fs';
import { evaluateMessages as m } from '../../../pipeline/messages/evaluate.js';
import { computeModelEvaluation } from '../../../pipeline/evaluate/scoring/modelEvaluation.js';
import { DEFAULT_PARAMS, type Params } from '../../../pipeline/params/Params.js';
import { silentContext, type StageContext } from '../../../pipeline/stage.js';
import { buildFixture, BOROUGHS, fakeScorer, type Fixture } from './evaluationFixture.js';

const params: Params = { ...structuredClone(DEFAULT_PARAMS), evaluate: { ...DEFAULT_PARAMS.evaluate, bootstrap_samples: 20 } };
const loader = async (dir: string) => fakeScorer(dir);
const fakeStages = new URL('./fakeScoringStages.js', import.meta.url).href;
const failingStages = new URL('./failingScoringStages.js', import.meta.url).href;

/** A context that records the progress updates of the field-trial task. */
function recordingContext(): { ctx: StageContext; updates: number[] } {
  const updates: number[] = [];
  let trial = false;
  const ctx: StageContext = {
    log: silentContext.log,
    progress: {
      start: (task) => {
        trial = task === m.progressFieldTrial();
      },
      update: (done) => {
        if (trial) updates.push(done);
      },
      finish: () => {
        trial = false;
      },
    },
  };
  return { ctx, updates };
}

describe('the field trial scored on worker threads', () => {
  let fixture: Fixture;
  beforeAll(async () => {
    fixture = await buildFixture();
  });
  afterAll(() => rmSync(fixture.root, { recursive: true, force: true }));

  const evaluate = (scoring: { threads: number; module: string; minRows?: number }, ctx: StageContext = silentContext) =>
    computeModelEvaluation({ out: fixture.out, modelDir: fixture.modelDir, truth: fixture.truth, params }, ctx, loader, scoring);

  test('gives the same metrics, byte for byte, as the main thread; progress counts each borough', async () => {
    const main = await evaluate({ threads: 1, module: fakeStages });
    const { ctx, updates } = recordingContext();
    const threads = await evaluate({ threads: 2, module: fakeStages }, ctx);
    expect(threads.metrics.field_trial?.boroughs.map((b) => b.borough_code)).toEqual(BOROUGHS.map((b) => b.code));
    expect(threads.metrics.feature_importance.sample_rows).toBeGreaterThan(0);
    expect(JSON.stringify(threads.metrics)).toBe(JSON.stringify(main.metrics));
    expect(updates).toEqual([1, 2]);
  });

  test("a borough's failure on a thread is an error naming the borough", async () => {
    await expect(evaluate({ threads: 2, module: failingStages })).rejects.toThrow(
      new RegExp(`${BOROUGHS[1].code}.*the scorer ran out of patience`),
    );
  });

  test('fewer score rows than minRows stay on the main thread; as many go to the threads', async () => {
    const main = await evaluate({ threads: 2, module: failingStages, minRows: 1_000_000_000 });
    expect(main.metrics.field_trial?.boroughs).toHaveLength(BOROUGHS.length);
    await expect(evaluate({ threads: 2, module: failingStages, minRows: 1 })).rejects.toThrow(/the scorer ran out of patience/);
  });

  test('one thread stays on the main thread (the failing stage table is never loaded)', async () => {
    const main = await evaluate({ threads: 1, module: failingStages });
    expect(main.metrics.field_trial?.boroughs).toHaveLength(BOROUGHS.length);
  });
});
