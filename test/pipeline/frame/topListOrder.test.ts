import { listOrder as rankOrder, topListOrder as topRankOrder } from '../../../pipeline/frame/listOrder.js';
import { Random } from '../../../pipeline/util/Random.js';

describe('topRankOrder', () => {
  test('is the head of rankOrder, ties and NaN included', () => {
    const random = new Random(7);
    // Few distinct scores, some NaN: many ties, so the tie ranks and the row index decide.
    const scores = Float64Array.from({ length: 2000 }, () => (random.uniform() < 0.05 ? Number.NaN : Math.floor(random.uniform() * 5)));
    const tieRank = Int32Array.from({ length: 2000 }, () => Math.floor(random.uniform() * 300));
    for (const depth of [0, 1, 50, 200, 1999, 2000, 5000]) {
      expect(Array.from(topRankOrder(scores, tieRank, depth))).toEqual(Array.from(rankOrder(scores, tieRank)).slice(0, depth));
      expect(Array.from(topRankOrder(scores, undefined, depth))).toEqual(Array.from(rankOrder(scores)).slice(0, depth));
    }
  });

  test('small cases', () => {
    expect(Array.from(topRankOrder([0.2, 0.9, 0.5, 0.7], undefined, 2))).toEqual([1, 3]);
    expect(Array.from(topRankOrder([], undefined, 3))).toEqual([]);
  });
});
