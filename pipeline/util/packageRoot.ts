import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding this project's package.json, found by walking up from
 * this module (it runs from `dist/` after the build, from the source tree in
 * notebooks). Data files such as the standard's schema are read from here.
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data', 'standard'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the project root above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}
