import type { FitOptions } from './Learner.js';

/** The weight of a row of each class in a fit's loss. */
export interface ClassWeights {
  0: number;
  1: number;
}

/**
 * The class weights a learner's loss uses: with 'balanced', each class's
 * rows weigh n / (2 · rows of that class), so both classes weigh the same in
 * all (scikit-learn's `class_weight='balanced'`); with 'none', or when one
 * class is absent, every row weighs 1.
 *
 * @example
 *   classWeightsFor('balanced', 100, 20); // { 0: 0.625, 1: 2.5 }
 */
export function classWeightsFor(classWeight: FitOptions['classWeight'], rows: number, positives: number): ClassWeights {
  return classWeight === 'balanced' && positives > 0 && positives < rows ? { 0: rows / (2 * (rows - positives)), 1: rows / (2 * positives) } : { 0: 1, 1: 1 };
}
