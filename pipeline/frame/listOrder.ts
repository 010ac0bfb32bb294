/**
 * THE list order, shared by rank (the inspection lists) and evaluation (every
 * depth-based figure): the order in which a team would walk a list, highest
 * score first, ties broken by `tieRank` (lower first; e.g. the row's position
 * by UPRN, `uprnTieRank`, or a seeded random permutation), then by row index;
 * NaN scores last. Precision@k, recall@k, gain curves and the bootstrap walk
 * this order, and so does the list, so that ties at a cut are broken the same
 * way everywhere.
 *
 * @example
 *   listOrder([0.2, 0.9, 0.2], [0, 1, 2]); // [1, 0, 2]
 *   listOrder([0.2, 0.9, 0.2], [2, 1, 0]); // [1, 2, 0]
 */
export function listOrder(scores: ArrayLike<number>, tieRank?: ArrayLike<number>): Int32Array {
  const n = scores.length;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  order.sort(rankComparator(scores, tieRank));
  return order;
}

/**
 * The first `depth` entries of `listOrder(scores, tieRank)`, found without
 * sorting every row: the order is total (ties end at the row index), so its
 * head is the same whichever way it is found.
 *
 * @example
 *   topListOrder([0.2, 0.9, 0.5, 0.7], undefined, 2); // [1, 3]
 */
export function topListOrder(scores: ArrayLike<number>, tieRank: ArrayLike<number> | undefined, depth: number): Int32Array {
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

/** listOrder's comparison of two row indices: negative when `a` comes first. */
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

/**
 * Each row's position when the UPRNs are sorted numerically (equal UPRNs
 * share a position): the tie-break of an inspection list.
 *
 * @example
 *   uprnTieRank(['20', '3', '100']); // [1, 0, 2]
 */
export function uprnTieRank(uprns: readonly string[]): Int32Array {
  const keys = uprns.map((u) => BigInt(u));
  const byUprn = Int32Array.from({ length: uprns.length }, (_, i) => i);
  byUprn.sort((a, b) => {
    const ua = keys[a] as bigint;
    const ub = keys[b] as bigint;
    return ua < ub ? -1 : ua > ub ? 1 : a - b;
  });
  const rank = new Int32Array(uprns.length);
  let position = 0;
  byUprn.forEach((row, i) => {
    if (i > 0 && keys[row] !== keys[byUprn[i - 1] as number]) position = i;
    rank[row] = position;
  });
  return rank;
}

/**
 * The order of an inspection list: `listOrder` with ties broken by UPRN
 * (numerically), so that the same scores always give the same list. Returns
 * indices into the inputs.
 *
 * @example
 *   listOrderByUprn(['20', '3', '100'], Float64Array.of(0.5, 0.5, 0.9)); // [2, 1, 0]
 */
export function listOrderByUprn(uprns: readonly string[], scores: ArrayLike<number>): number[] {
  if (uprns.length !== scores.length) throw new Error(`listOrderByUprn: ${uprns.length} UPRNs but ${scores.length} scores`);
  return Array.from(listOrder(scores, uprnTieRank(uprns)));
}
