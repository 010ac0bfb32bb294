import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CommandError } from '../../errors/CommandError.js';
import { runMessages as m } from '../../messages/run.js';
import { ModelRegistry } from './ModelRegistry.js';
import { RunStore } from './RunRecord.js';

/**
 * The model folder a command should use: `ref` may be a folder path
 * (returned resolved, unchecked), a run id (or an unambiguous prefix, or
 * `latest`) whose model is meant, or `champion`; without `ref`, the champion.
 * Throws a CommandError (exit 1) naming what is missing: no champion yet, an
 * unknown run, a run's or the champion's model folder gone.
 *
 * @example
 *   resolveModelDir('out/sample');                          // OUT/runs/<champion's run>/model
 *   resolveModelDir('out/sample', '2026-11-27T093012-3fa9c1');
 *   resolveModelDir('out/sample', 'path/to/model');
 */
export function resolveModelDir(out: string, ref?: string): string {
  if (ref === undefined || ref === 'champion') {
    const champion = new ModelRegistry(out).champion();
    if (champion === null) throw new CommandError(m.noChampion(out), 1);
    return checked('champion', resolve(out, champion.model));
  }
  // Something that looks like a path is a path, returned as is: loading it reports what is wrong with it.
  if (isDirectory(ref) || /[\\/]/.test(ref) || ref.startsWith('.')) return resolve(ref);
  const run = new RunStore(out).get(ref);
  if (run.model === null) throw new CommandError(m.runHasNoModel(run.run_id, run.status), 1);
  return checked(ref, resolve(out, run.model.dir));
}

function checked(ref: string, dir: string): string {
  if (!isDirectory(dir)) throw new CommandError(m.modelMissing(ref, dir), 1);
  return dir;
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}
