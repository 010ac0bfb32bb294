import { createHash } from 'node:crypto';
import type { FeatureFrame } from '../frame/FeatureFrame.js';

/**
 * SHA-256 of a training frame's content: keys, labels, inspection dates and
 * every feature column by name, so that the model's metadata says exactly
 * which data it was trained on (same rows, same values → same fingerprint).
 *
 * @example
 *   frameFingerprint(frame); // '3f1a…'
 */
export function frameFingerprint(frame: FeatureFrame): string {
  const hash = createHash('sha256');
  const text = (values: readonly (string | null)[] | undefined) => hash.update(JSON.stringify(values ?? null));
  hash.update(`rows:${frame.length}\n`);
  text(frame.boroughCode);
  text(frame.uprn);
  text(frame.asOf);
  text(frame.inspectionDate);
  if (frame.label !== undefined) hash.update(new Uint8Array(frame.label.buffer, frame.label.byteOffset, frame.label.byteLength));
  if (frame.declared !== undefined) hash.update(`declared:${Array.from(frame.declared).join('')}\n`);
  for (const name of [...frame.numeric.keys()].sort()) {
    const values = frame.numeric.get(name) as Float64Array;
    hash.update(`numeric:${name}\n`);
    hash.update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  }
  for (const name of [...frame.categorical.keys()].sort()) {
    hash.update(`categorical:${name}\n`);
    text(frame.categorical.get(name));
  }
  return hash.digest('hex');
}
