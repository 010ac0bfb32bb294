/**
 * The order in which a team would walk a list: highest score first, ties
 * broken by `tieRank` (lower first; e.g. the row's position by UPRN, or a
 * seeded random permutation), NaN scores last. Every depth-based figure
 * (precision@k, recall@k, gain curves, the bootstrap) walks this order, so
 * that ties at a cut are broken the same way everywhere.
 *
 * @example
 *   rankOrder([0.2, 0.9, 0.2], [0, 1, 2]); // [1, 0, 2]
 *   rankOrder([0.2, 0.9, 0.2], [2, 1, 0]); // [1, 2, 0]
 */
export function rankOrder(scores: ArrayLike<number>, tieRank?: ArrayLike<number>): Int32Array {
  const n = scores.length;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => {
    const x = scores[a] as number;
    const y = scores[b] as number;
    const xNaN = Number.isNaN(x);
    const yNaN = Number.isNaN(y);
    if (xNaN || yNaN) {
      if (xNaN !== yNaN) return xNaN ? 1 : -1;
    } else if (x !== y) {
      return y - x;
    }
    const tx = tieRank === undefined ? a : (tieRank[a] as number);
    const ty = tieRank === undefined ? b : (tieRank[b] as number);
    return tx === ty ? a - b : tx - ty;
  });
  return order;
}
