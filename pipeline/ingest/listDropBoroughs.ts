import { readdirSync } from 'node:fs';

/**
 * Every sub-folder of a drop, by name, sorted: the boroughs to ingest, valid
 * or not (a folder that is not a London GSS code fails as a borough, with a
 * message). Hidden entries (`.git`, `.DS_Store`...) are not boroughs; plain
 * files and symbolic links at the top of a drop are not folders.
 *
 * @example
 *   listDropBoroughs('data/sample/drop'); // ['E09000007', 'E09000019', ...]
 */
export function listDropBoroughs(drop: string): string[] {
  return readdirSync(drop, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();
}
