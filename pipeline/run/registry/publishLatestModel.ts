import { cpSync, lstatSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { outputLayout } from '../../layout.js';
import { tempSibling } from '../../util/atomicWrite.js';

/**
 * Makes OUT/model (the layout's model path, the default of `hmo evaluate`)
 * the latest run's model: a relative symbolic link to runs/<id>/model,
 * swapped in atomically (a copy where links are not allowed). Replacing it
 * never touches the run's own folder; `hmo rank` uses the champion instead.
 *
 * @example
 *   publishLatestModel('out/sample', 'runs/2026-11-27T093012-3fa9c1/model');
 */
export function publishLatestModel(out: string, modelDir: string): void {
  const link = outputLayout(out).modelDir;
  const target = resolve(out, modelDir);
  const tmp = tempSibling(link);
  try {
    symlinkSync(relative(resolve(out), target), tmp, 'dir');
  } catch {
    cpSync(target, tmp, { recursive: true });
  }
  try {
    renameSync(tmp, link);
  } catch {
    // A real folder (from a standalone `hmo train`) cannot be replaced by rename: remove it first.
    if (isRealFolder(link)) rmSync(link, { recursive: true, force: true });
    renameSync(tmp, link);
  }
}

function isRealFolder(path: string): boolean {
  try {
    const stat = lstatSync(path);
    return stat.isDirectory() && !stat.isSymbolicLink();
  } catch {
    return false;
  }
}
