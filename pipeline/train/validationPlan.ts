import type { FeatureFrame } from '../frame/FeatureFrame.js';

/** One held-out split: the rows a model is trained on and the rows it scores, never seen in training. */
export interface HeldOutSplit {
  scheme: 'lobo' | 'temporal';
  /** The held-out borough group (codes joined by "+"), or `temporal`. */
  fold: string;
  trainRows: number[];
  testRows: number[];
}

/**
 * Groups boroughs into at most `maxFolds` leave-borough-out folds: one
 * borough per fold when there are few enough, otherwise largest first into
 * the fold with the fewest rows so far (ties: lowest fold index), so the
 * grouping depends only on the codes and row counts. Folds are named by their
 * sorted codes joined with "+", and listed in code order.
 *
 * @example
 *   boroughFolds(new Map([['E09000001', 10], ['E09000002', 30], ['E09000003', 20]]), 2);
 *   // [['E09000001', 'E09000003'], ['E09000002']]
 */
export function boroughFolds(rowsPerBorough: ReadonlyMap<string, number>, maxFolds: number): string[][] {
  const codes = [...rowsPerBorough.keys()].sort();
  if (codes.length <= maxFolds) return codes.map((code) => [code]);
  const folds: { codes: string[]; rows: number }[] = Array.from({ length: maxFolds }, () => ({ codes: [], rows: 0 }));
  const bySize = [...codes].sort((a, b) => (rowsPerBorough.get(b) ?? 0) - (rowsPerBorough.get(a) ?? 0) || (a < b ? -1 : 1));
  for (const code of bySize) {
    let target = 0;
    for (let f = 1; f < folds.length; f++) if ((folds[f] as { rows: number }).rows < (folds[target] as { rows: number }).rows) target = f;
    const fold = folds[target] as { codes: string[]; rows: number };
    fold.codes.push(code);
    fold.rows += rowsPerBorough.get(code) ?? 0;
  }
  return folds.map((f) => f.codes.sort()).sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1));
}

/**
 * The leave-borough-out splits of a frame (none with fewer than two
 * boroughs). A property belongs to one borough, so its rows (one per
 * inspection) are always on one side.
 */
export function leaveBoroughOutSplits(frame: FeatureFrame, maxFolds: number): HeldOutSplit[] {
  const counts = new Map<string, number>();
  for (const code of frame.boroughCode) counts.set(code, (counts.get(code) ?? 0) + 1);
  if (counts.size < 2) return [];
  return boroughFolds(counts, maxFolds).map((codes) => {
    const held = new Set(codes);
    const trainRows: number[] = [];
    const testRows: number[] = [];
    for (let i = 0; i < frame.length; i++) (held.has(frame.boroughCode[i] as string) ? testRows : trainRows).push(i);
    return { scheme: 'lobo', fold: codes.join('+'), trainRows, testRows };
  });
}

/**
 * The property of every row of a frame, as a small integer (rows of one
 * borough and UPRN share it; numbered in order of first appearance). A
 * training frame has one row per conclusive inspection, so a property
 * inspected twice has two rows: splits keep them on one side.
 *
 * @example
 *   propertyGroups(frame); // Int32Array [0, 0, 1, 2, ...] for UPRNs 10, 10, 11, 12
 */
export function propertyGroups(frame: Pick<FeatureFrame, 'length' | 'boroughCode' | 'uprn'>): Int32Array {
  const ids = new Map<string, number>();
  const groups = new Int32Array(frame.length);
  for (let i = 0; i < frame.length; i++) {
    const key = `${frame.boroughCode[i] as string}/${frame.uprn[i] as string}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    groups[i] = id;
  }
  return groups;
}

/**
 * The temporal split: the newest `fraction` of inspections held out, the
 * model trained on the older ones. The cut falls between two dates (all
 * inspections of the cut-off date are held out), so no held-out inspection is
 * older than a training one. Grouped by property: the older inspections of a
 * property that has a held-out inspection are left out of training (used on
 * neither side), so no property sits on both sides. Undefined when every
 * inspection has one date.
 *
 * @example
 *   temporalSplit(frame, 0.2); // { cutoff: '2026-03-02', split: { scheme: 'temporal', ... } }
 */
export function temporalSplit(frame: FeatureFrame, fraction: number): { cutoff: string; split: HeldOutSplit } | undefined {
  const dates = frame.inspectionDate;
  if (dates === undefined || frame.length < 2) return undefined;
  const sorted = [...dates].sort();
  const index = Math.min(sorted.length - 1, Math.max(1, Math.floor(sorted.length * (1 - fraction))));
  let cutoff = sorted[index] as string;
  if (cutoff === sorted[0]) {
    // The oldest date reaches past the cut: hold out what is newer than it instead.
    const newer = sorted.find((d) => d > cutoff);
    if (newer === undefined) return undefined;
    cutoff = newer;
  }
  const groups = propertyGroups(frame);
  const heldGroups = new Set<number>();
  for (let i = 0; i < frame.length; i++) if ((dates[i] as string) >= cutoff) heldGroups.add(groups[i] as number);
  const trainRows: number[] = [];
  const testRows: number[] = [];
  for (let i = 0; i < frame.length; i++) {
    if ((dates[i] as string) >= cutoff) testRows.push(i);
    else if (!heldGroups.has(groups[i] as number)) trainRows.push(i);
  }
  return { cutoff, split: { scheme: 'temporal', fold: 'temporal', trainRows, testRows } };
}
