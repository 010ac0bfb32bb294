import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../../pipeline/util/packageRoot.js';
import { writeFileAtomic } from '../../pipeline/util/atomicWrite.js';
import { CATALOGUE_DOCS_PATH, renderCatalogueMarkdown } from '../../pipeline/features/renderCatalogueMarkdown.js';

/**
 * Regenerates docs/features.md from the catalogue (`npm run docs:features`).
 *
 * @example
 *   writeCatalogueDocs(); // -> <package root>/docs/features.md
 */
export function writeCatalogueDocs(root = packageRoot()): string {
  const file = join(root, CATALOGUE_DOCS_PATH);
  writeFileAtomic(file, renderCatalogueMarkdown());
  return file;
}

// Run as a script: node dist/scripts/docs/writeCatalogueDocs.js
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(`Wrote ${writeCatalogueDocs()}\n`);
}
