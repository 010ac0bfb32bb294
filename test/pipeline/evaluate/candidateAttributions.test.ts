import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scorer } from '../../../models/Scorer.js';
import { computeModelEvaluation } from '../../../pipeline/evaluate/scoring/modelEvaluation.js';
import { DEFAULT_PARAMS, type Params } from '../../../pipeline/params/Params.js';
import { silentContext } from '../../../pipeline/stage.js';
import { buildFixture, fakeScorer, type Fixture } from './evaluationFixture.js';

const params: Params = structuredClone(DEFAULT_PARAMS);

describe('feature importance per model the run trained', () => {
  let fixture: Fixture;
  beforeAll(async () => {
    fixture = await buildFixture();
  });
  afterAll(() => rmSync(fixture.root, { recursive: true, force: true }));

  test("the chosen model's own folder is neither loaded nor attributed again: its attributions are the model's", async () => {
    // The artifact as train writes it: the chosen model at the top, every model trained in a sub-folder, the chosen one's a copy.
    const metadataFile = join(fixture.modelDir, 'metadata.json');
    const metadata = JSON.parse(readFileSync(metadataFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(metadataFile, JSON.stringify({ ...metadata, selection: { chosen: 'strong', candidates: { strong: 'strong', weak: 'weak' } } }));
    mkdirSync(join(fixture.modelDir, 'strong'), { recursive: true });
    writeFileSync(join(fixture.modelDir, 'strong', 'metadata.json'), JSON.stringify(metadata));
    mkdirSync(join(fixture.modelDir, 'weak'), { recursive: true });
    writeFileSync(join(fixture.modelDir, 'weak', 'metadata.json'), readFileSync(join(fixture.weakModelDir, 'metadata.json')));

    const loads: string[] = [];
    const attributeCalls = new Map<string, number>();
    const loader = async (dir: string): Promise<Scorer> => {
      loads.push(dir);
      const scorer = fakeScorer(dir);
      return {
        ...scorer,
        attribute: (frame, rows) => {
          attributeCalls.set(dir, (attributeCalls.get(dir) ?? 0) + 1);
          return scorer.attribute(frame, rows);
        },
      };
    };
    const { metrics } = await computeModelEvaluation({ out: fixture.out, modelDir: fixture.modelDir, params }, silentContext, loader);
    expect(loads).toEqual([fixture.modelDir, join(fixture.modelDir, 'weak')]);
    const boroughs = fixture.candidatesByBorough.size;
    expect(attributeCalls.get(fixture.modelDir)).toBe(boroughs);
    expect(attributeCalls.get(join(fixture.modelDir, 'weak'))).toBe(boroughs);
    const byModel = metrics.feature_importance.by_model ?? {};
    // In the artifact's order, the chosen model's figures the model's own.
    expect(Object.keys(byModel)).toEqual(['strong', 'weak']);
    expect(byModel.strong).toEqual(metrics.feature_importance.features);
    expect(byModel.weak).not.toEqual(byModel.strong);
  });
});
