/**
 * The order in which candidates are listed: score descending, ties broken by
 * UPRN ascending (numerically), so that the same scores always give the same
 * list. Returns indices into the inputs.
 *
 * @example
 *   rankOrder(['20', '3', '100'], Float64Array.of(0.5, 0.5, 0.9)); // [2, 1, 0]
 */
export function rankOrder(uprns: readonly string[], scores: ArrayLike<number>): number[] {
  if (uprns.length !== scores.length) throw new Error(`rankOrder: ${uprns.length} UPRNs but ${scores.length} scores`);
  const keys = uprns.map((u) => BigInt(u));
  return uprns
    .map((_, i) => i)
    .sort((a, b) => {
      const sa = scores[a] as number;
      const sb = scores[b] as number;
      if (sa !== sb) return sb - sa;
      const ua = keys[a] as bigint;
      const ub = keys[b] as bigint;
      return ua < ub ? -1 : ua > ub ? 1 : 0;
    });
}
