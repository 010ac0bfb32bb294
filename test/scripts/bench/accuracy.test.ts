import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commonRows, listYield, loboFigures, peerLists, pipelineLists, readPeerPredictions, readUndeclared, type HeldOutPrediction } from '../../../scripts/bench/accuracy.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bench-accuracy-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const p = (model: string, borough: string, uprn: string, label: number, score: number): HeldOutPrediction => ({ model, borough, uprn, label, score });

describe('loboFigures', () => {
  test('pools ROC AUC and averages precision@k over boroughs, per model', () => {
    const rows = [
      p('a', 'B1', '1', 1, 0.9),
      p('a', 'B1', '2', 0, 0.8),
      p('a', 'B1', '3', 1, 0.1),
      p('a', 'B2', '4', 1, 0.7),
      p('a', 'B2', '5', 0, 0.2),
      p('b', 'B1', '1', 1, 0.5),
      p('b', 'B1', '2', 0, Number.NaN),
    ];
    const [a, b] = loboFigures(rows, 2);
    // a: B1 top 2 = {1, 2} -> 0.5; B2 top 2 = {4, 5} -> 0.5; pooled AUC: positives .9,.1,.7 vs negatives .8,.2 -> (2 + 0 + 1.5... ) computed below
    // pooled top 2 = {.9 (1), .8 (0)} -> 0.5
    expect(a).toMatchObject({ model: 'a', rows: 5, positives: 3, precision_at_k: 0.5, precision_at_k_per_borough: 0.5, k: 2 });
    // pairs: (.9>.8,.9>.2)=2, (.1<.8,.1<.2)=0, (.7<.8,.7>.2)=1 -> 3/6
    expect(a?.roc_auc).toBeCloseTo(0.5, 12);
    // b: the NaN score is left out; one class only -> no AUC
    expect(b).toMatchObject({ model: 'b', rows: 1, roc_auc: null, precision_at_k: 1, precision_at_k_per_borough: 1 });
  });

  test('pooled and per-borough precision differ when one borough holds the best scores', () => {
    const rows = [p('a', 'B1', '1', 1, 0.9), p('a', 'B1', '2', 1, 0.8), p('a', 'B2', '3', 0, 0.3), p('a', 'B2', '4', 1, 0.2)];
    expect(loboFigures(rows, 1)[0]).toMatchObject({ precision_at_k: 1, precision_at_k_per_borough: 0.5 });
  });

  test('breaks ties at the cut by UPRN, numerically', () => {
    const [a] = loboFigures([p('a', 'B', '10', 0, 0.5), p('a', 'B', '9', 1, 0.5)], 1);
    expect(a?.precision_at_k).toBe(1);
  });
});

describe('loboFigures PR AUC', () => {
  test('is the average precision of the pooled rows', () => {
    // Ranked: 1 (hit), 0, 1 (hit): precision at the hits 1 and 2/3 -> mean 5/6.
    const [a] = loboFigures([p('a', 'B', '1', 1, 0.9), p('a', 'B', '2', 0, 0.5), p('a', 'B', '3', 1, 0.2)], 1);
    expect(a?.pr_auc).toBeCloseTo(5 / 6, 12);
  });
});

describe('commonRows', () => {
  const d = (row: HeldOutPrediction, inspectionDate: string): HeldOutPrediction => ({ ...row, inspectionDate });

  test('keeps the rows both sides scored, matched on borough, UPRN and inspection date', () => {
    const ours = [
      d(p('logistic', 'B1', '1', 1, 0.9), '2025-01-01'),
      d(p('logistic', 'B1', '1', 0, 0.2), '2023-05-01'), // an earlier inspection of the same property: only ours trains on it
      d(p('logistic', 'B1', '2', 0, 0.3), '2025-02-01'),
      d(p('mlp', 'B1', '1', 1, 0.8), '2025-01-01'),
      d(p('mlp', 'B1', '2', 0, 0.1), '2025-02-01'),
    ];
    const peer = [d(p('hgb', 'B1', '1', 1, 0.7), '2025-01-01'), d(p('hgb', 'B1', '2', 0, 0.6), '2025-02-01'), d(p('hgb', 'B2', '9', 1, 0.5), '2025-03-01')];
    const shared = commonRows(ours, peer);
    expect(shared.rows).toBe(2);
    expect(shared.onlyOurs).toBe(1);
    expect(shared.onlyPeer).toBe(1);
    expect(shared.ours.map((r) => `${r.model}|${r.uprn}|${r.inspectionDate}`).sort()).toEqual([
      'logistic|1|2025-01-01', 'logistic|2|2025-02-01', 'mlp|1|2025-01-01', 'mlp|2|2025-02-01',
    ]);
    expect(shared.peer.map((r) => r.uprn).sort()).toEqual(['1', '2']);
  });

  test('without dates on one side, matches on borough and UPRN, keeping a side\'s latest row of a property', () => {
    const ours = [d(p('logistic', 'B1', '1', 0, 0.2), '2023-05-01'), d(p('logistic', 'B1', '1', 1, 0.9), '2025-01-01')];
    const peer = [p('hgb', 'B1', '1', 1, 0.7)];
    const shared = commonRows(ours, peer);
    expect(shared.rows).toBe(1);
    expect(shared.ours).toEqual([d(p('logistic', 'B1', '1', 1, 0.9), '2025-01-01')]);
  });

  test('a row whose label differs between the sides is not common', () => {
    const shared = commonRows([d(p('a', 'B', '1', 1, 0.9), '2025-01-01')], [d(p('b', 'B', '1', 0, 0.9), '2025-01-01')]);
    expect(shared.rows).toBe(0);
  });
});

describe('truth and lists', () => {
  test('counts undeclared HMOs (HMO, no HMO licence) at the top of each list', async () => {
    const truth = join(dir, 'truth.csv');
    writeFileSync(truth, 'uprn,borough_code,is_hmo,is_licensed\n1,B1,1,0\n2,B1,1,1\n3,B1,0,0\n4,B2,true,false\n5,B2,1,0\n');
    const undeclared = await readUndeclared(truth);
    expect([...undeclared].sort()).toEqual(['B1|1', 'B2|4', 'B2|5']);
    const lists = join(dir, 'out', 'lists');
    mkdirSync(join(lists, 'B1'), { recursive: true });
    mkdirSync(join(lists, 'B2'), { recursive: true });
    writeFileSync(join(lists, 'B1', 'inspection_list.csv'), 'rank,uprn,address,score\n1,1,"1 High St, London",0.9\n2,3,x,0.5\n3,2,y,0.4\n');
    writeFileSync(join(lists, 'B2', 'inspection_list.csv'), 'rank,uprn,score\n1,6,0.9\n2,5,0.8\n3,4,0.7\n');
    const found = await listYield(pipelineLists(lists), undeclared, 2);
    expect(found).toEqual({
      boroughs: 2,
      listed: 4,
      undeclared_found: 2,
      hit_rate: 0.5,
      top: 2,
      per_borough: { B1: { listed: 2, undeclared_found: 1, hit_rate: 0.5 }, B2: { listed: 2, undeclared_found: 1, hit_rate: 0.5 } },
    });
  });

  test('refuses a list without a uprn column', async () => {
    const file = join(dir, 'nouprn.csv');
    writeFileSync(file, 'rank,address\n1,x\n');
    await expect(listYield(new Map([['B1', file]]), new Set(), 100)).rejects.toThrow(/no uprn column/);
  });

  test('finds the peer lists and predictions', async () => {
    const peer = join(dir, 'peer');
    mkdirSync(join(peer, 'lists', 'hgb'), { recursive: true });
    writeFileSync(join(peer, 'lists', 'hgb', 'B1.csv'), 'rank,uprn,score\n1,1,0.9\n');
    writeFileSync(join(peer, 'predictions.csv'), 'scheme,model,fold,borough_code,uprn,label,score\nlobo,hgb,B1,B1,1,1,0.9\ntemporal,hgb,t,B1,2,0,0.1\n');
    expect([...peerLists(peer, 'hgb').keys()]).toEqual(['B1']);
    expect(peerLists(peer, 'none').size).toBe(0);
    expect(await readPeerPredictions(peer)).toEqual([{ model: 'hgb', borough: 'B1', uprn: '1', label: 1, score: 0.9, inspectionDate: null }]);
    // The peer's file now carries the labelling inspection's date.
    writeFileSync(join(peer, 'predictions.csv'), 'scheme,model,fold,borough_code,uprn,inspection_date,label,score\nlobo,hgb,B1,B1,1,2025-03-04,1,0.9\n');
    expect(await readPeerPredictions(peer)).toEqual([{ model: 'hgb', borough: 'B1', uprn: '1', label: 1, score: 0.9, inspectionDate: '2025-03-04' }]);
  });
});
