import { sortedIndices } from '../../../models/metrics.js';

/** A point of a curve, in the units of its chart. */
export interface CurvePoint {
  x: number;
  y: number;
}

/**
 * ROC curve: (false-positive rate, true-positive rate) at every distinct
 * score threshold, from (0, 0) to (1, 1); empty when a class is missing.
 *
 * @example
 *   rocCurve([0.9, 0.1], [1, 0]); // [{x:0,y:0}, {x:0,y:1}, {x:1,y:1}]
 */
export function rocCurve(scores: ArrayLike<number>, labels: ArrayLike<number>): CurvePoint[] {
  const { positives, negatives, steps } = thresholdSteps(scores, labels);
  if (positives === 0 || negatives === 0) return [];
  return [{ x: 0, y: 0 }, ...steps.map((s) => ({ x: s.falsePositives / negatives, y: s.truePositives / positives }))];
}

/**
 * Precision-recall curve: (recall, precision) at every distinct score
 * threshold; empty without positives.
 *
 * @example
 *   precisionRecallCurve([0.9, 0.1], [1, 0]); // [{x:1,y:1}, {x:1,y:0.5}]
 */
export function precisionRecallCurve(scores: ArrayLike<number>, labels: ArrayLike<number>): CurvePoint[] {
  const { positives, steps } = thresholdSteps(scores, labels);
  if (positives === 0) return [];
  return steps.map((s) => ({ x: s.truePositives / positives, y: s.truePositives / (s.truePositives + s.falsePositives) }));
}

/**
 * Cumulative gain: walking `order`, the share of the list inspected (x)
 * against the share of all HMOs found (y), from (0, 0); empty without positives.
 *
 * @example
 *   cumulativeGain([1, 0], [0, 1]); // [{x:0,y:0}, {x:0.5,y:1}, {x:1,y:1}]
 */
export function cumulativeGain(labels: ArrayLike<number>, order: ArrayLike<number>): CurvePoint[] {
  const n = order.length;
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) positives++;
  if (positives === 0 || n === 0) return [];
  const points: CurvePoint[] = [{ x: 0, y: 0 }];
  let found = 0;
  for (let i = 0; i < n; i++) {
    if (labels[order[i] as number] === 1) found++;
    points.push({ x: (i + 1) / n, y: found / positives });
  }
  return points;
}

/**
 * At most `max` points of a curve, evenly spaced along it, first and last
 * kept (so that charts stay small in the HTML).
 */
export function thinCurve(points: readonly CurvePoint[], max = 200): CurvePoint[] {
  if (points.length <= max) return [...points];
  const result: CurvePoint[] = [];
  for (let j = 0; j < max; j++) result.push(points[Math.round((j * (points.length - 1)) / (max - 1))] as CurvePoint);
  return result;
}

function thresholdSteps(scores: ArrayLike<number>, labels: ArrayLike<number>) {
  const order = sortedIndices(scores, 'descending');
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) positives++;
  const negatives = labels.length - positives;
  const steps: Array<{ truePositives: number; falsePositives: number }> = [];
  let tp = 0;
  let fp = 0;
  let i = 0;
  while (i < order.length) {
    const score = scores[order[i] as number] as number;
    let j = i;
    while (j < order.length && (j === i || scores[order[j] as number] === score)) {
      if (labels[order[j] as number] === 1) tp++;
      else fp++;
      j++;
    }
    steps.push({ truePositives: tp, falsePositives: fp });
    i = j;
  }
  return { positives, negatives, steps };
}
