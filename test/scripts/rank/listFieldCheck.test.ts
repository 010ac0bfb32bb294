import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fieldCheckMarkdown, listFieldCheck } from '../../../scripts/rank/listFieldCheck.js';
import { DEFAULT_PARAMS } from '../../../pipeline/params/Params.js';
import { rankBorough } from '../../../pipeline/rank/rankBorough.js';
import { silentContext } from '../../../pipeline/stage.js';
import { fakeCatalogue, fakeScorer, property, writeFixtureBorough } from '../../pipeline/rank/fixtures.js';

test('counts undeclared HMOs in the top k of the list, of a complaint-led order and of a random one', async () => {
  const root = mkdtempSync(join(tmpdir(), 'hmo-fieldcheck-'));
  try {
    const out = join(root, 'out');
    const uprns = [1, 2, 3, 4, 5, 6, 7, 8];
    await writeFixtureBorough(out, {
      code: 'E09000007',
      name: 'Camden',
      extract_date: '2026-09-30',
      tables: {
        properties: uprns.map((u) => property(u)),
        // 7 and 8 have complaints (not HMOs); 8's complaint is too old to count.
        complaints: [
          { uprn: 7, received_date: '2026-05-01', category: 'noise' },
          { uprn: 7, received_date: '2026-06-01', category: 'noise' },
          { uprn: 8, received_date: '2024-01-01', category: 'waste' },
        ],
      },
      // The model ranks 1, 2, 3 first by electors.
      features: uprns.map((u) => ({ uprn: u, electors_current: 10 - u, distinct_surnames: 0, complaints_12m: 0, habitable_rooms: 0 })),
    });
    await rankBorough({ out, modelDir: 'unused', borough: 'E09000007', params: DEFAULT_PARAMS.rank, scorer: fakeScorer(), catalogue: fakeCatalogue }, silentContext);
    const truth = join(root, 'truth.csv');
    // 1 and 2 undeclared; 3 an HMO but licensed (does not count).
    writeFileSync(
      truth,
      'uprn,borough_code,is_hmo,is_licensed\n' + uprns.map((u) => `${u},E09000007,${u <= 3 ? 1 : 0},${u === 3 ? 1 : 0}`).join('\n') + '\n',
    );
    const rows = await listFieldCheck({ dropDb: out, lists: out, truth, k: 2, seed: 1 });
    expect(rows).toEqual([{ borough_code: 'E09000007', candidates: 8, undeclared: 2, k: 2, model: 2, random: 0.5, complaint_led: expect.any(Number), oracle: 2 }]);
    // The complaint-led top 2 starts with 7 (the only recent complaints), so it finds at most 1.
    expect(rows[0]?.complaint_led).toBeLessThanOrEqual(1);
    expect(fieldCheckMarkdown(rows)).toContain('Model vs random: 4.0×');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
