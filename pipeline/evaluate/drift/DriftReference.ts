import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../util/atomicWrite.js';
import { hashJson } from '../../util/hash.js';
import type { BoroughProfiles } from './boroughDrift.js';

/** One drop's populations: a key (a hash of its feature profiles) and each borough's profiles. */
export interface DropProfiles {
  key: string;
  boroughs: Record<string, BoroughProfiles>;
}

/** OUT/evaluation/drift_reference.json: the drop evaluated last and the one before it. */
export interface DriftReferenceFile {
  format: 'hmo-drift-reference/1';
  current: DropProfiles;
  previous: DropProfiles | null;
}

/** Where the drift reference of a run's output folder lives. */
export function driftReferencePath(out: string): string {
  return join(out, 'evaluation', 'drift_reference.json');
}

/** The stored reference, or null when there is none (or it cannot be read: it is rebuilt). */
export function readDriftReference(out: string): DriftReferenceFile | null {
  const file = driftReferencePath(out);
  if (!existsSync(file)) return null;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as DriftReferenceFile;
    return parsed.format === 'hmo-drift-reference/1' && typeof parsed.current?.key === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

/** The key of a drop's populations: the same features, the same key (so re-evaluating a drop is not drift). */
export function dropKey(boroughs: Record<string, BoroughProfiles>): string {
  return hashJson(Object.fromEntries(Object.entries(boroughs).map(([code, p]) => [code, p.features]))).slice(0, 16);
}

/**
 * Which stored drop the new one is compared with: the last drop evaluated
 * when it was another drop, else the one before it (re-evaluating the same
 * drop, with another model or params, compares with the same earlier drop,
 * so outputs do not depend on how many times a drop was evaluated); and the
 * file to write back.
 *
 * @example
 *   const { reference, next } = chooseDriftReference(readDriftReference(out), profiles);
 */
export function chooseDriftReference(stored: DriftReferenceFile | null, boroughs: Record<string, BoroughProfiles>): { reference: DropProfiles | null; next: DriftReferenceFile } {
  const current: DropProfiles = { key: dropKey(boroughs), boroughs };
  if (stored === null) return { reference: null, next: { format: 'hmo-drift-reference/1', current, previous: null } };
  if (stored.current.key === current.key) return { reference: stored.previous, next: { format: 'hmo-drift-reference/1', current, previous: stored.previous } };
  return { reference: stored.current, next: { format: 'hmo-drift-reference/1', current, previous: stored.current } };
}

/** Writes the reference for the next evaluation, atomically. */
export function writeDriftReference(out: string, file: DriftReferenceFile): void {
  writeFileAtomic(driftReferencePath(out), `${JSON.stringify(file)}\n`);
}
