import { Preprocessor } from '../../models/Preprocessor.js';
import type { FeatureFrame } from '../../pipeline/frame/FeatureFrame.js';

function frame(rooms: number[], tenure: (string | null)[]): FeatureFrame {
  const n = rooms.length;
  return {
    length: n,
    boroughCode: Array(n).fill('E09000001') as string[],
    uprn: rooms.map((_, i) => String(i + 1)),
    asOf: Array(n).fill('2026-01-01') as string[],
    numeric: new Map([['rooms', Float64Array.from(rooms)]]),
    categorical: new Map([['tenure', tenure]]),
  };
}

describe('Preprocessor', () => {
  test('transform of many rows (several blocks, any order) equals the rows transformed one by one', () => {
    const n = 700;
    const rooms = Array.from({ length: n }, (_, i) => (i % 7 === 0 ? Number.NaN : (i * 37) % 11));
    const tenure = Array.from({ length: n }, (_, i) => (i % 5 === 0 ? null : ['owner-occupied', 'private-rented', 'social-rented'][i % 3] as string));
    const f = frame(rooms, tenure);
    const pre = Preprocessor.fit(f, Array.from({ length: 400 }, (_, i) => i));
    const rows = Array.from({ length: n }, (_, i) => (i * 263) % n);
    const oneByOne = rows.flatMap((row) => Array.from(pre.transform(f, [row])));
    expect(Array.from(pre.transform(f, rows))).toEqual(oneByOne);
    expect(Array.from(pre.transform(f))).toEqual(Array.from({ length: n }, (_, row) => Array.from(pre.transform(f, [row]))).flat());
  });

  test('fitTransform returns the same preprocessing as fit and the matrix transform gives, with the reference as its column means', () => {
    const f = frame([2, Number.NaN, 6, 1e6, 3], ['owner-occupied', null, 'private-rented', 'owner-occupied', 'social-rented']);
    const rows = [4, 0, 2, 1];
    const { preprocessor, x } = Preprocessor.fitTransform(f, rows);
    expect(preprocessor.toJSON()).toEqual(Preprocessor.fit(f, rows).toJSON());
    expect(Array.from(x)).toEqual(Array.from(preprocessor.transform(f, rows)));
    const width = preprocessor.width;
    const means = Array.from({ length: width }, (_, c) => rows.reduce((sum, _row, r) => sum + (x[r * width + c] as number), 0) / rows.length);
    preprocessor.toJSON().reference.forEach((value, c) => expect(value).toBeCloseTo(means[c] as number, 12));
    expect(preprocessor.toJSON().reference[preprocessor.columns.findIndex((col) => col.name === 'rooms__missing')]).toBe(0.25);
  });

  test('is fitted on the training rows only: extreme values in other rows do not move the means', () => {
    const f = frame([2, 4, 6, 1e6, -1e6], ['owner-occupied', 'private-rented', 'owner-occupied', 'social-rented', 'unknown']);
    const pre = Preprocessor.fit(f, [0, 1, 2]);
    const spec = pre.toJSON();
    expect(spec.numeric[0]?.mean).toBeCloseTo(4, 12);
    expect(spec.numeric[0]?.sd).toBeCloseTo(2, 12);
    // Categories of the test rows are not levels; they fall in the unseen bucket.
    expect(spec.categorical[0]?.levels).toEqual(['owner-occupied', 'private-rented']);
    const x = pre.transform(f, [3]);
    const names = pre.columns.map((c) => c.name);
    expect(x[names.indexOf('rooms')]).toBe(8); // clipped, not 500000
    expect(x[names.indexOf('tenure__unseen')]).toBe(1);
    expect(x[names.indexOf('tenure=owner-occupied')]).toBe(0);
  });

  test('adds a missing indicator where the training rows had nulls, imputing the mean', () => {
    const f = frame([2, Number.NaN, 6], ['owner-occupied', null, 'owner-occupied']);
    const pre = Preprocessor.fit(f);
    expect(pre.columns.map((c) => c.name)).toEqual(['rooms', 'rooms__missing', 'tenure=owner-occupied', 'tenure__missing', 'tenure__unseen']);
    const x = pre.transform(f, [1]);
    expect(Array.from(x)).toEqual([0, 1, 0, 1, 0]);
    // Every column is grouped back to its catalogue feature.
    expect(pre.columns.map((c) => c.feature)).toEqual(['rooms', 'rooms', 'tenure', 'tenure', 'tenure']);
  });

  test('the reference is the mean input of the training rows, and the JSON round trip keeps the transform', () => {
    const f = frame([1, 2, 3, 4], ['a', 'a', 'b', null]);
    const pre = Preprocessor.fit(f, [0, 1, 2]);
    const spec = pre.toJSON();
    const names = pre.columns.map((c) => c.name);
    expect(spec.reference[names.indexOf('rooms')]).toBeCloseTo(0, 6);
    expect(spec.reference[names.indexOf('tenure=a')]).toBeCloseTo(2 / 3, 6);
    const again = Preprocessor.fromJSON(JSON.parse(JSON.stringify(spec)));
    expect(Array.from(again.transform(f))).toEqual(Array.from(pre.transform(f)));
  });

  test('refuses a frame without a fitted feature, naming it', () => {
    const pre = Preprocessor.fit(frame([1, 2], ['a', 'b']));
    const other: FeatureFrame = { ...frame([1, 2], ['a', 'b']), numeric: new Map() };
    expect(() => pre.transform(other)).toThrow('"rooms"');
  });
});
