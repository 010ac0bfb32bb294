import type { FeatureFrame } from '../../../pipeline/frame/FeatureFrame.js';
import { boroughFolds, leaveBoroughOutSplits, propertyGroups, temporalSplit } from '../../../pipeline/train/validationPlan.js';

function frame(boroughs: string[], dates: string[]): FeatureFrame {
  return {
    length: boroughs.length,
    boroughCode: boroughs,
    uprn: boroughs.map((_, i) => String(i + 1)),
    asOf: dates,
    numeric: new Map(),
    categorical: new Map(),
    label: new Int8Array(boroughs.length),
    inspectionDate: dates,
  };
}

describe('validation plan', () => {
  test('one borough per fold when there are few enough boroughs', () => {
    expect(boroughFolds(new Map([['E09000002', 5], ['E09000001', 9]]), 8)).toEqual([['E09000001'], ['E09000002']]);
  });

  test('more boroughs than folds are grouped deterministically, balancing rows', () => {
    const counts = new Map([
      ['E09000001', 10],
      ['E09000002', 30],
      ['E09000003', 20],
      ['E09000004', 25],
      ['E09000005', 5],
    ]);
    const folds = boroughFolds(counts, 2);
    expect(folds).toEqual([['E09000001', 'E09000002', 'E09000005'], ['E09000003', 'E09000004']]);
    // Independent of the order the boroughs were met in.
    expect(boroughFolds(new Map([...counts].reverse()), 2)).toEqual(folds);
  });

  test('leave-borough-out splits hold each borough group out of its own training rows', () => {
    const splits = leaveBoroughOutSplits(frame(['E09000001', 'E09000001', 'E09000002', 'E09000003'], Array(4).fill('2025-01-01') as string[]), 2);
    expect(splits.map((s) => s.fold)).toEqual(['E09000001', 'E09000002+E09000003']);
    expect(splits[0]).toMatchObject({ trainRows: [2, 3], testRows: [0, 1] });
    expect(leaveBoroughOutSplits(frame(['E09000001', 'E09000001'], ['2025-01-01', '2025-01-02']), 8)).toEqual([]);
  });

  test('the temporal split holds out the newest inspections, never splitting a date', () => {
    const dates = ['2024-01-01', '2024-02-01', '2024-03-01', '2024-03-01', '2024-04-01', '2024-05-01', '2024-05-01', '2024-06-01', '2024-07-01', '2024-08-01'];
    const result = temporalSplit(frame(Array(10).fill('E09000001') as string[], dates), 0.2);
    expect(result?.cutoff).toBe('2024-07-01');
    expect(result?.split.testRows).toEqual([8, 9]);
    const tie = temporalSplit(frame(Array(10).fill('E09000001') as string[], dates), 0.45);
    // The cut lands inside 2024-05-01: both rows of that date are held out.
    expect(tie?.split.testRows).toEqual([5, 6, 7, 8, 9]);
    expect(temporalSplit(frame(['E09000001', 'E09000001'], ['2024-01-01', '2024-01-01']), 0.2)).toBeUndefined();
  });

  test('grouped folds: the rows of one property (one per inspection) never sit on both sides', () => {
    // Property 10 of E09000001 inspected in 2024-01 and 2024-08; UPRN 10 of E09000002 is another property.
    const f: FeatureFrame = {
      ...frame(
        ['E09000001', 'E09000001', 'E09000001', 'E09000002', 'E09000002', 'E09000001', 'E09000002'],
        ['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01', '2024-08-01', '2024-09-01'],
      ),
      uprn: ['10', '11', '12', '10', '13', '10', '13'],
    };
    expect([...propertyGroups(f)]).toEqual([0, 1, 2, 3, 4, 0, 4]);
    const property = (i: number) => `${f.boroughCode[i] as string}/${f.uprn[i] as string}`;
    const crossing = (trainRows: number[], testRows: number[]) => {
      const held = new Set(testRows.map(property));
      return trainRows.map(property).filter((p) => held.has(p));
    };
    const temporal = temporalSplit(f, 0.25);
    expect(temporal?.cutoff).toBe('2024-08-01');
    expect(temporal?.split.testRows).toEqual([5, 6]);
    // Rows 0 and 4 are older inspections of the held-out properties: used on neither side.
    expect(temporal?.split.trainRows).toEqual([1, 2, 3]);
    for (const split of [...leaveBoroughOutSplits(f, 8), ...(temporal === undefined ? [] : [temporal.split])]) {
      expect([split.fold, crossing(split.trainRows, split.testRows)]).toEqual([split.fold, []]);
    }
  });
});
