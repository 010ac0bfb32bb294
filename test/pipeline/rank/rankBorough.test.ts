import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { RankError } from '../../../pipeline/errors/RankError.js';
import { openDropDb } from '../../../pipeline/db/openDropDb.js';
import { outputLayout } from '../../../pipeline/layout.js';
import { DEFAULT_PARAMS, type Params } from '../../../pipeline/params/Params.js';
import { rankMessages } from '../../../pipeline/messages/rank.js';
import { candidateSql } from '../../../pipeline/frame/candidateSql.js';
import { INSPECTION_LIST_COLUMNS } from '../../../pipeline/rank/listColumns.js';
import { rankBorough } from '../../../pipeline/rank/rankBorough.js';
import { rankBoroughs } from '../../../pipeline/rank/rankBoroughs.js';
import { Duck } from '../../../pipeline/db/Duck.js';
import { writeCandidateScores } from '../../../pipeline/frame/CandidateScores.js';
import { sha256File } from '../../../pipeline/util/hash.js';
import { silentContext, type StageContext } from '../../../pipeline/stage.js';
import { fakeCatalogue, fakeScorer, property, writeFailedBorough, writeFixtureBorough, type FixtureBorough } from './fixtures.js';

const CAMDEN = 'E09000007';
const HACKNEY = 'E09000012';
const EXTRACT = '2026-09-30';
const PSEUDONYMS = ['LLREF-SECRET-0001', 'ACCT-SECRET-0002', 'ELECTOR-SECRET-0003', 'SURNAMEKEY-SECRET-0004', 'CLAIM-SECRET-0005', 'LLREF-SECRET-0006'];

const rankParams = (over: Partial<Params['rank']> = {}): Params['rank'] => ({ ...structuredClone(DEFAULT_PARAMS.rank), ...over });

/**
 * Camden: 101 plain candidate; 102 current mandatory HMO licence (out); 103
 * current additional HMO licence (out); 104 selective licence only (in); 105
 * expired mandatory licence (in); 106 inspected 2024 (out unless
 * reinspection after 12 months); 107 inspected no-access 2026-06 (out); 108
 * additional licence that ended the day before the extract (in); 109..112
 * more candidates; 120 formula-like address, postcode and ward name.
 */
function camden(): FixtureBorough {
  return {
    code: CAMDEN,
    name: 'Camden',
    extract_date: EXTRACT,
    tables: {
      properties: [
        property(101, { landlord_ref: PSEUDONYMS[0] ?? null }),
        property(102),
        property(103),
        property(104),
        property(105),
        property(106),
        property(107),
        property(108),
        property(109),
        property(110),
        property(111, { ward_code: 'E05000999', ward_name: null, postcode: 'NW1 9ZZ' }),
        property(112, { easting: null, northing: null, ward_name: '  ' }),
        property(120, { address: '=HYPERLINK("http://evil.example","click")', ward_name: '+Camden', postcode: '@NW1 1AA', landlord_ref: PSEUDONYMS[5] ?? null }),
      ],
      licences: [
        { uprn: 102, licence_ref: 'L-102', scheme: 'mandatory-hmo', start_date: '2024-01-01', end_date: '2029-01-01' },
        { uprn: 103, licence_ref: 'L-103', scheme: 'additional-hmo', start_date: '2026-09-30', end_date: '2026-09-30' },
        { uprn: 104, licence_ref: 'L-104', scheme: 'selective', start_date: '2024-01-01', end_date: '2029-01-01' },
        { uprn: 105, licence_ref: 'L-105', scheme: 'mandatory-hmo', start_date: '2019-01-01', end_date: '2024-01-01' },
        { uprn: 108, licence_ref: 'L-108', scheme: 'additional-hmo', start_date: '2021-09-30', end_date: '2026-09-29' },
      ],
      inspections: [
        { uprn: 106, inspection_date: '2024-03-01', outcome: 'not-hmo', trigger: 'complaint' },
        { uprn: 107, inspection_date: '2026-06-01', outcome: 'no-access', trigger: 'proactive' },
      ],
      council_tax: [{ uprn: 101, account_ref: PSEUDONYMS[1] ?? null, start_date: '2020-01-01', single_person_discount: true, student_exemption: false }],
      electoral_register: [{ uprn: 101, elector_ref: PSEUDONYMS[2] ?? null, surname_key: PSEUDONYMS[3] ?? null, registered_date: '2021-01-01' }],
      housing_benefit: [{ uprn: 101, claim_ref: PSEUDONYMS[4] ?? null, start_date: '2022-01-01', shared_accommodation_rate: true, landlord_ref: PSEUDONYMS[0] ?? null }],
    },
    features: [
      // 101: three pieces of evidence.
      { uprn: 101, electors_current: 6, distinct_surnames: 5, complaints_12m: 2, habitable_rooms: 5 },
      { uprn: 102, electors_current: 9, distinct_surnames: 8, complaints_12m: 4, habitable_rooms: 7 },
      { uprn: 103, electors_current: 9, distinct_surnames: 8, complaints_12m: 4, habitable_rooms: 7 },
      // 104: one piece of evidence (2 complaints); electors 2 is no evidence, rooms are context.
      { uprn: 104, electors_current: 2, distinct_surnames: 1, complaints_12m: 2, habitable_rooms: 6 },
      { uprn: 105, electors_current: 4, distinct_surnames: 3, complaints_12m: 0, habitable_rooms: 4 },
      { uprn: 106, electors_current: 4, distinct_surnames: 3, complaints_12m: 0, habitable_rooms: 4 },
      { uprn: 107, electors_current: 1, distinct_surnames: 1, complaints_12m: 0, habitable_rooms: 3 },
      // 108 and 109 tie exactly: uprn breaks the tie.
      { uprn: 108, electors_current: 3, distinct_surnames: 2, complaints_12m: 1, habitable_rooms: 3 },
      { uprn: 109, electors_current: 3, distinct_surnames: 2, complaints_12m: 1, habitable_rooms: 3 },
      // 110: no evidence at all (nothing positive but context).
      { uprn: 110, electors_current: 0, distinct_surnames: 0, complaints_12m: 0, habitable_rooms: 2 },
      { uprn: 111, electors_current: 1, distinct_surnames: 1, complaints_12m: null, habitable_rooms: null },
      { uprn: 112, electors_current: 5, distinct_surnames: 2, complaints_12m: 0, habitable_rooms: 3 },
      { uprn: 120, electors_current: 7, distinct_surnames: 1, complaints_12m: 0, habitable_rooms: 4 },
    ],
  };
}

function hackney(): FixtureBorough {
  return {
    code: HACKNEY,
    name: 'Hackney',
    extract_date: '2026-08-31',
    tables: { properties: [property(201), property(202), property(203)] },
    features: [
      { uprn: 201, electors_current: 8, distinct_surnames: 7, complaints_12m: 3, habitable_rooms: 5 },
      { uprn: 202, electors_current: 1, distinct_surnames: 1, complaints_12m: 0, habitable_rooms: 2 },
      { uprn: 203, electors_current: 2, distinct_surnames: 2, complaints_12m: 0, habitable_rooms: 3 },
    ],
  };
}

let root: string;
let out: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'hmo-rank-'));
  out = join(root, 'out');
  await writeFixtureBorough(out, camden());
  await writeFixtureBorough(out, hackney());
  writeFailedBorough(out, 'E09000019');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

function readCsv(file: string): Array<Record<string, string>> {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true });
  return parsed.data;
}

function listsFolder(name: string): string {
  return join(root, name);
}

async function rankCamden(listsOut: string, over: Partial<Params['rank']> = {}, ctx: StageContext = silentContext) {
  return rankBorough(
    { out, modelDir: join(root, 'no-model'), borough: CAMDEN, params: rankParams({ top: 5, ...over }), listsOut, scorer: fakeScorer(), catalogue: fakeCatalogue },
    ctx,
  );
}

describe('candidates', () => {
  test('exclude current HMO licences and inspected properties, keep selective and expired licences', async () => {
    const db = await openDropDb(out);
    try {
      const rows = await db.json<{ uprn: string }>(candidateSql(CAMDEN, null));
      expect(rows.map((r) => Number(r.uprn))).toEqual([101, 104, 105, 108, 109, 110, 111, 112, 120]);
    } finally {
      db.close();
    }
  });

  test('reinspect_after_months lets properties inspected longer ago back in', async () => {
    const db = await openDropDb(out);
    try {
      const rows = await db.json<{ uprn: string; last_inspection_date: string | null }>(candidateSql(CAMDEN, 12));
      expect(rows.map((r) => Number(r.uprn))).toEqual([101, 104, 105, 106, 108, 109, 110, 111, 112, 120]);
      // 107 was inspected 4 months before the extract: back in when 3 months are enough.
      const three = await db.json<{ uprn: string }>(candidateSql(CAMDEN, 3));
      expect(three.map((r) => Number(r.uprn))).toContain(107);
    } finally {
      db.close();
    }
  });

  test('the CSV lists exactly the candidates, every one of them, ranked', async () => {
    const summary = await rankCamden(listsFolder('candidates'));
    const rows = readCsv(summary.csv);
    expect(rows.map((r) => Number(r.uprn)).sort((a, b) => a - b)).toEqual([101, 104, 105, 108, 109, 110, 111, 112, 120]);
    expect(rows.map((r) => r.rank)).toEqual(rows.map((_, i) => String(i + 1)));
    expect(summary.candidates).toBe(9);
    expect(summary.visit_first).toBe(5);

    const again = await rankCamden(listsFolder('candidates-reinspect'), { reinspect_after_months: 12 });
    expect(readCsv(again.csv).map((r) => r.uprn)).toContain('106');
  });
});

describe('scores made once (the evaluate stage writes them, rank reads them)', () => {
  const candidates = [101, 104, 105, 108, 109, 110, 111, 112, 120];
  async function writeScores(file: string, modelId: string, scores: number[]): Promise<void> {
    const db = await Duck.open();
    try {
      const features_sha256 = await sha256File(outputLayout(out).scoringFeatures(CAMDEN));
      await writeCandidateScores(db, file, { model_id: modelId, borough: CAMDEN, reinspect_after_months: null, features_sha256 }, {
        uprns: Float64Array.from(candidates),
        scores: Float64Array.from(scores),
      });
    } finally {
      db.close();
    }
  }
  // The reverse of the model's order: 120 first, 101 last.
  const shared = candidates.map((_, i) => (i + 1) / 10);

  test("this model's scores of these candidates and features are used, not made again; reasons for the new head", async () => {
    const file = join(root, 'shared-scores', `${CAMDEN}.parquet`);
    await writeScores(file, 'fake-model-1', shared);
    const scorer = fakeScorer();
    let scored = 0;
    const score = scorer.score.bind(scorer);
    scorer.score = (frame) => {
      scored += 1;
      return score(frame);
    };
    const summary = await rankBorough(
      { out, modelDir: join(root, 'no-model'), borough: CAMDEN, params: rankParams({ top: 2 }), listsOut: listsFolder('shared'), scorer, catalogue: fakeCatalogue, scoresFile: file, reasonsCap: 3 },
      silentContext,
    );
    expect(scored).toBe(0);
    const rows = readCsv(summary.csv);
    expect(rows.map((r) => Number(r.uprn))).toEqual([...candidates].reverse());
    expect(rows.map((r) => r.score)).toEqual([...shared].reverse().map((s) => s.toFixed(3)));
    // Reasons for the first three ranks only (120, 112, 111), from their own features.
    expect(rows[0]?.reason_1).toBe(`7 electors registered (as of ${EXTRACT})`);
    expect(rows[1]?.reason_1).toBe(`5 electors registered (as of ${EXTRACT})`);
    // Beyond the third rank: the list's "not computed" note, not evidence.
    expect(summary.reasons_computed).toBe(3);
    expect(new Set(rows.slice(3).map((r) => r.reason_1)).size).toBe(1);
    expect(rows[3]?.reason_1).not.toMatch(/electors|surnames|complaints/);
  });

  test("another model's scores (or other candidates) are not used: the list is the model's own, as without them", async () => {
    const own = await rankCamden(listsFolder('own'));
    const otherModel = join(root, 'other-model', `${CAMDEN}.parquet`);
    await writeScores(otherModel, 'another-model', shared);
    const scorer = fakeScorer();
    const withOther = await rankBorough(
      { out, modelDir: join(root, 'no-model'), borough: CAMDEN, params: rankParams({ top: 5 }), listsOut: listsFolder('other'), scorer, catalogue: fakeCatalogue, scoresFile: otherModel },
      silentContext,
    );
    expect(readFileSync(withOther.csv, 'utf8')).toBe(readFileSync(own.csv, 'utf8'));
    const withReinspection = await rankBorough(
      { out, modelDir: join(root, 'no-model'), borough: CAMDEN, params: rankParams({ top: 5, reinspect_after_months: 12 }), listsOut: listsFolder('other-rule'), scorer, catalogue: fakeCatalogue, scoresFile: otherModel },
      silentContext,
    );
    expect(readCsv(withReinspection.csv).map((r) => r.uprn)).toContain('106');
  });
});

describe('the list', () => {
  test('has the columns in order, 3-decimal scores, bands from the params, ties broken by UPRN', async () => {
    const summary = await rankCamden(listsFolder('columns'), { risk_bands: { high: 0.5, medium: 0.2 } });
    const text = readFileSync(summary.csv, 'utf8');
    expect(text.split('\n')[0]).toBe(INSPECTION_LIST_COLUMNS.join(','));
    const rows = readCsv(summary.csv);
    for (const row of rows) {
      expect(row.score).toMatch(/^[01]\.\d{3}$/);
      const s = Number(row.score);
      expect(row.risk_band).toBe(s >= 0.5 ? 'high' : s >= 0.2 ? 'medium' : 'low');
      expect(row.outcome).toBe('');
      expect(row.inspected_on).toBe('');
    }
    const scores = rows.map((r) => Number(r.score));
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const uprns = rows.map((r) => r.uprn);
    expect(uprns.indexOf('108')).toBe(uprns.indexOf('109') - 1);
    // 101: logit -4 + 3.6 + 2.5 + 1.6 + 0.5 = 4.2
    expect(rows[0]?.uprn).toBe('101');
    expect(rows[0]?.score).toBe((1 / (1 + Math.exp(-4.2))).toFixed(3));
    expect(summary.bands.high + summary.bands.medium + summary.bands.low).toBe(9);
  });

  test('reasons are the evidence of the property itself, largest contribution first, never a feature name', async () => {
    // Every candidate visit-first, so that every one gets its reasons.
    const summary = await rankCamden(listsFolder('reasons'), { top: 9 });
    const rows = readCsv(summary.csv);
    const byUprn = new Map(rows.map((r) => [r.uprn, r]));
    // 101: complaints 2 * 0.8 = 1.6 < surnames 5 * 0.5 = 2.5 < electors 6 * 0.6 = 3.6
    expect(byUprn.get('101')).toMatchObject({
      reason_1: `6 electors registered (as of ${EXTRACT})`,
      reason_2: `5 different surnames among the electors (as of ${EXTRACT})`,
      reason_3: `2 complaints in the 12 months to ${EXTRACT}`,
    });
    // 104: only its 2 complaints are evidence; 2 electors and 6 rooms push the score but are not evidence.
    expect(byUprn.get('104')).toMatchObject({ reason_1: `2 complaints in the 12 months to ${EXTRACT}`, reason_2: '', reason_3: '' });
    // 110: nothing to say; nothing invented.
    expect(byUprn.get('110')).toMatchObject({ reason_1: '', reason_2: '', reason_3: '' });
    const featureNames = fakeCatalogue.map((f) => f.name);
    for (const row of rows) {
      for (const cell of [row.reason_1, row.reason_2, row.reason_3]) {
        for (const name of featureNames) expect(cell).not.toContain(name);
      }
    }
    const html = readFileSync(summary.html, 'utf8');
    expect(html).toContain('The records hold no second piece of evidence.');
  });

  test('by default reasons are computed for the visit-first ranks only, and the rest of the CSV says so', async () => {
    const scorer = fakeScorer();
    const summary = await rankBorough(
      { out, modelDir: 'unused', borough: CAMDEN, params: rankParams({ top: 2 }), listsOut: listsFolder('cap'), scorer, catalogue: fakeCatalogue },
      silentContext,
    );
    expect(summary.reasons_computed).toBe(2);
    expect(scorer.attributeCalls).toBe(1);
    const rows = readCsv(summary.csv);
    expect(rows.slice(0, 2).every((r) => r.reason_1 !== '' && r.reason_1 !== rankMessages.reasonsNotComputed(2))).toBe(true);
    expect(rows.slice(2).every((r) => r.reason_1 === rankMessages.reasonsNotComputed(2) && r.reason_2 === '')).toBe(true);
    // Asked for more (the library's reasonsCap), every candidate under it gets its reasons, in batches.
    const deeper = await rankBorough(
      { out, modelDir: 'unused', borough: CAMDEN, params: rankParams({ top: 2 }), listsOut: listsFolder('cap-deep'), scorer, catalogue: fakeCatalogue, reasonsCap: 2000 },
      silentContext,
    );
    expect(deeper.reasons_computed).toBe(9);
    expect(readCsv(deeper.csv).find((r) => r.uprn === '105')?.reason_1).toBe(`4 electors registered (as of ${EXTRACT})`);
  });

  test('scoring the candidates is a progress task of its own, before the reasons', async () => {
    const events: string[] = [];
    const progress = {
      start: (task: string, total: number, unit?: string) => void events.push(`start ${task} ${total} ${unit ?? ''}`),
      update: (done: number) => void events.push(`update ${done}`),
      finish: () => void events.push('finish'),
    };
    const summary = await rankCamden(listsFolder('scoring-progress'), {}, { ...silentContext, progress });
    const n = summary.candidates;
    expect(events.slice(0, 3)).toEqual([`start ${rankMessages.scoring(CAMDEN)} ${n} properties`, `update ${n}`, 'finish']);
    expect(rankMessages.scoring(CAMDEN)).toBe('Scoring E09000007');
    expect(events[3]).toMatch(/^start reasons E09000007/);
  });

  test('beyond the cap (and the visit-first ranks) reasons are not guessed, and the CSV says they were not computed', async () => {
    const summary = await rankBorough(
      { out, modelDir: 'unused', borough: CAMDEN, params: rankParams({ top: 2 }), listsOut: listsFolder('cap-small'), scorer: fakeScorer(), catalogue: fakeCatalogue, reasonsCap: 3 },
      silentContext,
    );
    expect(summary.reasons_computed).toBe(3);
    const rows = readCsv(summary.csv);
    expect(rows.slice(0, 3).every((r) => r.reason_1 !== '')).toBe(true);
    // A blank reason_1 means "no evidence"; beyond the cap it says the reasons were not computed.
    expect(rows.slice(3).every((r) => r.reason_1 === rankMessages.reasonsNotComputed(3) && r.reason_2 === '' && r.reason_3 === '')).toBe(true);
    expect(rankMessages.reasonsNotComputed(2000)).toBe('(not computed: reasons are given for ranks 1 to 2,000 only)');
    expect(readFileSync(summary.html, 'utf8')).toContain('reasons are given for ranks 1 to 3;');
    const wide = await rankBorough(
      { out, modelDir: 'unused', borough: CAMDEN, params: rankParams({ top: 5 }), listsOut: listsFolder('cap-top'), scorer: fakeScorer(), catalogue: fakeCatalogue, reasonsCap: 3 },
      silentContext,
    );
    expect(wide.reasons_computed).toBe(5);
  });

  test('cells that a spreadsheet would run as formulas are neutralised', async () => {
    const summary = await rankCamden(listsFolder('formula'));
    const row = readCsv(summary.csv).find((r) => r.uprn === '120');
    expect(row?.address).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(row?.ward_name).toBe("'+Camden");
    expect(row?.postcode).toBe("'@NW1 1AA");
    const html = readFileSync(summary.html, 'utf8');
    expect(html).not.toContain('=HYPERLINK("http');
    expect(html).toContain('=HYPERLINK(&quot;http://evil.example&quot;');
  });

  test('the same data and model give byte-identical CSV and HTML', async () => {
    const a = await rankCamden(listsFolder('det-a'));
    const b = await rankCamden(listsFolder('det-b'));
    expect(readFileSync(a.csv)).toEqual(readFileSync(b.csv));
    expect(readFileSync(a.html)).toEqual(readFileSync(b.html));
    const again = await rankCamden(listsFolder('det-a'));
    expect(readFileSync(again.html)).toEqual(readFileSync(b.html));
  });

  test('the HTML page is self-contained and shows borough, model, extract dates, thresholds, top N and the rounds by ward', async () => {
    const summary = await rankCamden(listsFolder('html'), { top: 3, risk_bands: { high: 0.6, medium: 0.25 } });
    const html = readFileSync(summary.html, 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/\s(src|href)=["']?https?:/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).toContain('Camden (E09000007)');
    expect(html).toContain('fake-model-1');
    expect(html).toContain('logistic regression');
    expect(html).toContain(`Council records as of <strong class="date"><span class="nw">${EXTRACT}</span></strong>`);
    expect(html).toContain('0.600 or more');
    expect(html).toContain('below 0.250');
    expect(html).toContain('It ranks visits; it decides nothing.');
    expect(html).toContain('size: A4 landscape');
    expect(html.match(/<tr class="visit_first">/g)).toHaveLength(3);
    expect(html).not.toContain('<svg');
    expect(html).toContain('Visit first: the top 3, in order');
    expect(html).toContain('Plan a round: the top 3 by ward and postcode');
  });

  test('officer words: UPRN, score and model reference are explained; no grid reference or "calibrated probability" unexplained', async () => {
    const html = readFileSync((await rankCamden(listsFolder('words'))).html, 'utf8');
    expect(html).toContain('<strong>UPRN</strong> (Unique Property Reference Number)');
    expect(html).toContain("the model's estimate of the chance that the property is an HMO");
    expect(html).toMatch(/<code>fake-model-1<\/code>: names the exact trained model/);
    expect(html).not.toMatch(/British National Grid|easting|northing|calibrated probability/i);
    // Dates never break at their hyphens.
    expect(html).toContain(`<span class="nw">${EXTRACT}</span>`);
    expect(html.slice(html.indexOf('<body>'))).not.toMatch(new RegExp(`[^>]${EXTRACT}`));
  });

  test('the rounds group the visit-first properties by ward, then postcode; a ward without a name borrows its code\'s name, or says it has none', async () => {
    const summary = await rankCamden(listsFolder('rounds'), { top: 11 });
    const rows = readCsv(summary.csv);
    const byUprn = new Map(rows.map((r) => [r.uprn, r]));
    // 112's blank name is the one the ward's other properties carry; 111's ward has no name anywhere.
    expect(byUprn.get('112')?.ward_name).toBe('Camden Town');
    expect(byUprn.get('111')?.ward_name).toBe('');
    const html = readFileSync(summary.html, 'utf8');
    expect(html).toContain('E05000999 <span class="muted">(ward name not on record)</span>');
    const rounds = html.slice(html.indexOf('id="rounds"'));
    const sections = rounds.split('<section>').slice(1);
    expect(sections).toHaveLength(2);
    // The ward of rank 1 leads; every visit-first rank appears exactly once.
    expect(sections[0]).toMatch(/^<h3>Camden Town/);
    const ranks = [...rounds.matchAll(/<span class="pc">[^<]*<\/span> ([^<]*(?:<strong>\d+<\/strong>[^<]*)*)<\/li>/g)].flatMap((m) =>
      (m[1] ?? '').replace(/<\/?strong>/g, '').split(', ').map(Number),
    );
    expect([...ranks].sort((a, b) => a - b)).toEqual(rows.slice(0, 11).map((r) => Number(r.rank)));
    expect(sections[1]).toContain('<span class="pc">NW1 9ZZ</span>');
  });

  test('no output carries a pseudonymous reference', async () => {
    const folder = listsFolder('pseudonyms');
    await rankBoroughs({ out, modelDir: 'unused', params: rankParams({ top: 20 }), listsOut: folder, scorer: fakeScorer(), catalogue: fakeCatalogue }, silentContext);
    const files = walk(folder);
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const secret of PSEUDONYMS) expect(text).not.toContain(secret);
    }
  });

  test('a list the team has filled in is kept aside, not overwritten', async () => {
    const folder = listsFolder('filled');
    const first = await rankCamden(folder);
    const rows = readCsv(first.csv);
    const filled = Papa.unparse(rows.map((r, i) => (i === 0 ? { ...r, outcome: 'hmo', inspected_on: '2026-10-01' } : r)), { columns: [...INSPECTION_LIST_COLUMNS] });
    writeFileSync(first.csv, filled);
    const warnings: string[] = [];
    const second = await rankCamden(folder, {}, { ...silentContext, log: { info: () => undefined, warn: (w) => void warnings.push(w) } });
    expect(second.preserved_filled_list).not.toBeNull();
    expect(readFileSync(second.preserved_filled_list as string, 'utf8')).toBe(filled);
    expect(warnings.join('\n')).toContain('1 recorded outcomes');
    expect(readCsv(second.csv)[0]?.outcome).toBe('');
  });
});

describe('per borough', () => {
  test('each borough folder holds only its own properties; failed boroughs get no list', async () => {
    const folder = listsFolder('boroughs');
    const summaries = await rankBoroughs(
      { out, modelDir: 'unused', params: rankParams(), listsOut: folder, scorer: fakeScorer(), catalogue: fakeCatalogue },
      silentContext,
    );
    expect(summaries.map((s) => s.borough_code)).toEqual([CAMDEN, HACKNEY]);
    const layout = outputLayout(folder);
    const camdenUprns = readCsv(layout.listCsv(CAMDEN)).map((r) => Number(r.uprn));
    const hackneyUprns = readCsv(layout.listCsv(HACKNEY)).map((r) => Number(r.uprn));
    expect(camdenUprns.every((u) => u > 100 && u < 200)).toBe(true);
    expect(hackneyUprns.sort()).toEqual([201, 202, 203]);
    expect(readFileSync(layout.listHtml(HACKNEY), 'utf8')).not.toContain('101 Test Street');
    expect(readFileSync(layout.listHtml(HACKNEY), 'utf8')).toContain('Council records as of <strong class="date"><span class="nw">2026-08-31</span></strong>');
    expect(existsSync(layout.listCsv('E09000019'))).toBe(false);
  });

  test('asking for a borough that is not usable fails with the usable ones named', async () => {
    const run = rankBoroughs(
      { out, modelDir: 'unused', params: rankParams(), boroughs: ['E09000019'], listsOut: listsFolder('bad'), scorer: fakeScorer(), catalogue: fakeCatalogue },
      silentContext,
    );
    await expect(run).rejects.toThrow(RankError);
    await expect(run).rejects.toThrow(`usable boroughs: ${CAMDEN}, ${HACKNEY}`);
  });

  test('features older than the ingested data are refused, naming the file', async () => {
    const stale = join(root, 'stale');
    const borough = hackney();
    await writeFixtureBorough(stale, { ...borough, features: borough.features.slice(1) });
    await expect(
      rankBorough({ out: stale, modelDir: 'unused', borough: HACKNEY, params: rankParams(), scorer: fakeScorer(), catalogue: fakeCatalogue }, silentContext),
    ).rejects.toThrow(/1 candidate properties have no row in .*score\.parquet \(e\.g\. UPRN 201\)/);
  });

  test('a borough with no candidate gets a header-only CSV and a page that says so', async () => {
    const none = join(root, 'none');
    await writeFixtureBorough(none, {
      code: HACKNEY,
      name: 'Hackney',
      extract_date: '2026-08-31',
      tables: {
        properties: [property(201)],
        licences: [{ uprn: 201, licence_ref: 'L', scheme: 'mandatory-hmo', start_date: '2020-01-01', end_date: '2030-01-01' }],
      },
      features: [{ uprn: 201, electors_current: 8 }],
    });
    const summary = await rankBorough(
      { out: none, modelDir: 'unused', borough: HACKNEY, params: rankParams(), scorer: fakeScorer(), catalogue: fakeCatalogue },
      silentContext,
    );
    expect(readFileSync(summary.csv, 'utf8')).toBe(`${INSPECTION_LIST_COLUMNS.join(',')}\n`);
    expect(readFileSync(summary.html, 'utf8')).toContain('No candidate property');
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
