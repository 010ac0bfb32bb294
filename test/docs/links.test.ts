/**
 * Every relative link in the README and in docs/ resolves to a file inside
 * the repository: a new user who clicks one must never land outside it (the
 * standard's page is published under docs/standard/ for that reason).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { packageRoot } from '../../pipeline/util/packageRoot.js';

const root = packageRoot();

function markdownFiles(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...markdownFiles(path));
    else if (name.endsWith('.md')) found.push(path);
  }
  return found;
}

/** The relative link targets of a Markdown text (inline links and images), without their #fragment. */
export function relativeLinks(markdown: string): string[] {
  const targets: string[] = [];
  for (const match of markdown.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const target = (match[1] as string).split('#')[0] as string;
    if (target === '' || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
    targets.push(target);
  }
  return targets;
}

/** Links of `file` that leave the repository or point at nothing, as "file -> target". */
function brokenLinks(file: string): string[] {
  const broken: string[] = [];
  for (const target of relativeLinks(readFileSync(file, 'utf8'))) {
    const path = resolve(dirname(file), decodeURIComponent(target));
    const inside = path === root || path.startsWith(root + sep);
    if (!inside || !existsSync(path)) broken.push(`${relative(root, file)} -> ${target}`);
  }
  return broken;
}

test('relativeLinks finds inline links and images, skips URLs and bare fragments', () => {
  expect(relativeLinks('[a](docs/x.md) ![b](img.svg "t") [c](https://x.org) [d](#top) [e](../out.md#s)')).toEqual([
    'docs/x.md',
    'img.svg',
    '../out.md',
  ]);
});

test('every relative link in README.md and docs/ resolves inside the repository', () => {
  const files = [join(root, 'README.md'), ...markdownFiles(join(root, 'docs'))];
  expect(files.flatMap(brokenLinks)).toEqual([]);
});
