import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelMetadata } from '../../../models/Scorer.js';
import { EvaluateError } from '../../errors/EvaluateError.js';
import { evaluateMessages as m } from '../../messages/evaluate.js';

/**
 * The model artifact's metadata.json (`ModelMetadata` in models/Scorer.ts),
 * refused with a message naming the file when it is missing or unreadable.
 *
 * @example
 *   readModelMetadata('out/model').kind; // 'mlp'
 */
export function readModelMetadata(modelDir: string): ModelMetadata {
  const file = join(modelDir, 'metadata.json');
  if (!existsSync(file)) throw new EvaluateError(m.missingModelFile(file), 1);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ModelMetadata;
  } catch (error) {
    throw new EvaluateError(m.unreadableJson(file, (error as Error).message), 1);
  }
}

/** Where the artifact keeps its held-out validation predictions (docs/architecture.md). */
export function validationPredictionsFile(modelDir: string): string {
  return join(modelDir, 'validation', 'predictions.parquet');
}
