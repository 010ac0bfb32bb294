import { readdirSync } from 'node:fs';

/** Version-control folders a drop kept under git, Mercurial or Subversion may hold: never boroughs. */
export const VERSION_CONTROL_FOLDERS: readonly string[] = ['.git', '.hg', '.svn'];

/**
 * Every sub-folder of a drop, by name, sorted: the boroughs to ingest, valid
 * or not. A folder that is not a London GSS code fails as a borough, with a
 * message that names it, whatever characters it holds (`.hidden`,
 * `..\..\etc`, `E09000007 (copy)`): no folder of a drop is silently left
 * out. Only version-control folders (`.git`, `.hg`, `.svn`) are not
 * boroughs; plain files and symbolic links at the top of a drop are not
 * folders.
 *
 * @example
 *   listDropBoroughs('data/sample/drop'); // ['E09000007', 'E09000019', ...]
 */
export function listDropBoroughs(drop: string): string[] {
  return readdirSync(drop, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !VERSION_CONTROL_FOLDERS.includes(entry.name))
    .map((entry) => entry.name)
    .sort();
}
