import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Attribution, Scorer } from '../../../models/Scorer.js';
import { buildBoroughFeatures } from '../../../pipeline/features/buildBoroughFeatures.js';
import type { FeatureFrame } from '../../../pipeline/frame/FeatureFrame.js';
import { DEFAULT_PARAMS } from '../../../pipeline/params/Params.js';
import { rankBorough } from '../../../pipeline/rank/rankBorough.js';
import { silentContext } from '../../../pipeline/stage.js';
import { writeIngestedBorough, type FakeRow } from '../../helpers/writeIngestedBorough.js';
import { fakeScorer } from './fixtures.js';

/**
 * The real features stage and the real catalogue's sentences, with a model
 * that pushes every numeric feature up in proportion to its value: the
 * reasons on the list must state the counts that are in the property's own
 * records, and no pseudonym of the data may reach the list.
 */
const CODE = 'E09000007';
const AS_OF = '2026-09-30';
const SECRETS = { landlord: 'LANDLORD-SECRET-77', surname: 'SURNAME-SECRET-', elector: 'ELECTOR-SECRET-', account: 'ACCOUNT-SECRET-9' };

function linearScorer(): Scorer {
  const base = fakeScorer({ [CODE]: AS_OF });
  const contributions = (frame: FeatureFrame, i: number): Attribution[] =>
    [...frame.numeric.entries()]
      // Counts only: day counts (hundreds) and the area's figures would outweigh every count in proportion to their value.
      .filter(([name]) => !name.startsWith('ward_') && !name.startsWith('postcode_') && !name.endsWith('_supplied') && !/_days(_|$)/.test(name))
      .map(([feature, values]) => ({ feature, contribution: Number.isNaN(values[i] as number) ? 0 : (values[i] as number) * 0.1 }))
      .sort((a, b) => b.contribution - a.contribution || (a.feature < b.feature ? -1 : 1));
  const logit = (frame: FeatureFrame, i: number) => contributions(frame, i).reduce((s, a) => s + a.contribution, -3);
  return {
    metadata: base.metadata,
    checkFrame: () => undefined,
    rawScore: (frame) => Float64Array.from({ length: frame.length }, (_, i) => logit(frame, i)),
    score: (frame) => Float64Array.from({ length: frame.length }, (_, i) => 1 / (1 + Math.exp(-logit(frame, i)))),
    attribute: (frame, rows) => rows.map((i) => contributions(frame, i)),
  };
}

test('reasons state the counts of the property\'s own records; no pseudonym reaches the list', async () => {
  const root = mkdtempSync(join(tmpdir(), 'hmo-rank-features-'));
  try {
    const out = join(root, 'out');
    const rooms: Record<number, number> = { 1: 6, 2: 2, 3: 9 };
    const prop = (uprn: number): FakeRow => ({
      uprn,
      address: `${uprn} High Street, London`,
      postcode: 'NW1 0AB',
      ward_code: 'E05000001',
      property_type: 'house',
      council_tax_band: 'C',
      tenure: 'private-rented',
      landlord_ref: SECRETS.landlord,
      habitable_rooms: rooms[uprn] ?? null,
      floor_area_m2: uprn === 3 ? 180 : null,
    });
    const electors = (uprn: number, n: number): FakeRow[] =>
      Array.from({ length: n }, (_, k) => ({
        uprn,
        elector_ref: `${SECRETS.elector}${uprn}-${k}`,
        surname_key: `${SECRETS.surname}${k}`,
        registered_date: '2025-01-01',
      }));
    await writeIngestedBorough(out, {
      code: CODE,
      extractDate: AS_OF,
      tables: {
        properties: [prop(1), prop(2), prop(3)],
        electoral_register: [...electors(1, 7), ...electors(2, 5), ...electors(3, 1)],
        council_tax: [{ uprn: 1, account_ref: SECRETS.account, start_date: '2020-01-01', single_person_discount: false, student_exemption: false }],
        complaints: [
          { uprn: 2, received_date: '2026-03-01', category: 'noise' },
          { uprn: 2, received_date: '2026-05-01', category: 'noise' },
          { uprn: 2, received_date: '2026-07-01', category: 'waste' },
        ],
      },
    });
    await buildBoroughFeatures({ out, borough: CODE, params: DEFAULT_PARAMS.features }, silentContext);
    const summary = await rankBorough({ out, modelDir: 'unused', borough: CODE, params: DEFAULT_PARAMS.rank, scorer: linearScorer() }, silentContext);

    const rows = Papa.parse<Record<string, string>>(readFileSync(summary.csv, 'utf8'), { header: true, skipEmptyLines: true }).data;
    const reasons = (uprn: string) => {
      const row = rows.find((r) => r.uprn === uprn);
      return [row?.reason_1, row?.reason_2, row?.reason_3].filter((s): s is string => s !== undefined && s !== '');
    };
    expect(reasons('1').some((s) => s.includes('7 electors') && s.includes(AS_OF))).toBe(true);
    expect(reasons('2').some((s) => s.includes('5 electors') && s.includes(AS_OF))).toBe(true);
    expect(reasons('2').some((s) => /\b3 complaints\b/.test(s))).toBe(true);
    expect(reasons('1').some((s) => /complaint/.test(s))).toBe(false);
    // One elector is no evidence of an HMO: property 3 gets no elector reason.
    expect(reasons('3').some((s) => /elector/.test(s))).toBe(false);
    // Its 9 rooms and 180 m² are stated from its own record, in one sentence with its type and no more.
    expect(reasons('3')).toContain('house with 9 habitable rooms and 180 m² (latest EPC)');
    for (const uprn of ['1', '2', '3']) {
      for (const s of reasons(uprn).filter((r) => r.includes('habitable room'))) expect(s).toContain(`${rooms[Number(uprn)]} habitable rooms`);
    }
    // 2 rooms is no evidence of a shared house, whatever the model makes of it.
    expect(reasons('2').some((s) => s.includes('habitable room'))).toBe(false);

    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
    for (const file of files(join(out, 'lists'))) {
      const text = readFileSync(file, 'utf8');
      for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
