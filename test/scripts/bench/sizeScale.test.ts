import { selectBoroughs } from '../../../pipeline/generate/boroughSelection.js';
import { LONDON_GEOGRAPHY, MEAN_DWELLINGS_K } from '../../../pipeline/generate/londonGeography.js';
import { scaleForProperties } from '../../../scripts/bench/sizeScale.js';

describe('scaleForProperties', () => {
  test.each([
    [4, 100_000],
    [4, 400_000],
    [33, 3_600_000],
  ])('%i boroughs, %i properties: the expected property count at that scale is within 0.1%', (boroughs, properties) => {
    const scale = scaleForProperties(boroughs, properties);
    // The generator's count per borough (pipeline/generate/BoroughProfile.ts), without its ±3% noise.
    const expected = selectBoroughs(boroughs).reduce((sum, code) => sum + 3000 * scale * ((LONDON_GEOGRAPHY[code]?.dwellingsK ?? 0) / MEAN_DWELLINGS_K), 0);
    expect(Math.abs(expected - properties) / properties).toBeLessThan(0.001);
  });

  test('London at about 3.6 million properties is close to the benchmark\'s scale 36', () => {
    expect(scaleForProperties(33, 3_600_000)).toBeCloseTo(36, 0);
  });
});
