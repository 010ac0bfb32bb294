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
  order.sort(rankComparator(scores, tieRank));
  return order;
}

/**
 * The first `depth` entries of `rankOrder(scores, tieRank)`, found without
 * sorting every row: the order is total (ties end at the row index), so its
 * head is the same whichever way it is found.
 *
 * @example
 *   topRankOrder([0.2, 0.9, 0.5, 0.7], undefined, 2); // [1, 3]
 */
export function topRankOrder(scores: ArrayLike<number>, tieRank: ArrayLike<number> | undefined, depth: number): Int32Array {
  const n = scores.length;
  const size = Math.max(0, Math.min(depth, n));
  const before = rankComparator(scores, tieRank);
  const head = new Int32Array(size);
  let filled = 0;
  for (let i = 0; i < n && size > 0; i++) {
    // Most rows rank below the current last of the head: one comparison each.
    if (filled === size && before(i, head[size - 1] as number) >= 0) continue;
    let lo = 0;
    let hi = filled;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(head[mid] as number, i) < 0) lo = mid + 1;
      else hi = mid;
    }
    head.copyWithin(lo + 1, lo, filled === size ? size - 1 : filled);
    head[lo] = i;
    if (filled < size) filled++;
  }
  return head;
}

/** rankOrder's comparison of two row indices: negative when `a` comes first. */
function rankComparator(scores: ArrayLike<number>, tieRank: ArrayLike<number> | undefined): (a: number, b: number) => number {
  return (a, b) => {
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
  };
}
