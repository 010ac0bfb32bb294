import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';

/** One import arrow: `from` imports `to` (both repository paths of .ts files, with `/`). */
export interface ImportEdge {
  from: string;
  to: string;
}

/** One broken rule: the arrow and the rule it breaks. */
export interface Violation extends ImportEdge {
  rule: string;
}

const STAGES = ['ingest', 'features', 'train', 'evaluate', 'rank', 'outcomes'];
const under = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);
const inStage = (path: string) => STAGES.some((stage) => under(path, `pipeline/${stage}`));
const isCommandLine = (path: string) => under(path, 'pipeline/commands') || path === 'pipeline/main.ts' || path === 'pipeline/cli.ts';

/**
 * The import rules of docs/architecture.md ("Import rules"), each a name and
 * a test of one arrow (true = allowed).
 */
export const IMPORT_RULES: ReadonlyArray<{ rule: string; allows: (edge: ImportEdge) => boolean }> = [
  {
    rule: 'a stage (pipeline/ingest, features, train, evaluate, rank, outcomes) never imports pipeline/commands or pipeline/run',
    allows: ({ from, to }) => !inStage(from) || !(isCommandLine(to) || under(to, 'pipeline/run')),
  },
  {
    rule: 'models/ never imports pipeline stages, commands, the orchestrator or the writers (only pipeline/frame, params/ParamRule.ts, messages, util, db)',
    allows: ({ from, to }) =>
      !under(from, 'models') ||
      under(to, 'models') ||
      ['pipeline/frame', 'pipeline/messages', 'pipeline/util', 'pipeline/db'].some((folder) => under(to, folder)) ||
      to === 'pipeline/params/ParamRule.ts',
  },
  {
    rule: 'the orchestrator (pipeline/run) and the writers (pipeline/writers) never import the command line; the writers never import the orchestrator',
    allows: ({ from, to }) =>
      !((under(from, 'pipeline/run') || under(from, 'pipeline/writers')) && isCommandLine(to)) && !(under(from, 'pipeline/writers') && under(to, 'pipeline/run')),
  },
  {
    rule: 'nothing in pipeline/ imports scripts/',
    allows: ({ from, to }) => !under(from, 'pipeline') || !under(to, 'scripts'),
  },
  {
    rule: 'the schema module (pipeline/standard/schema.ts) imports nothing of the project',
    allows: ({ from }) => from !== 'pipeline/standard/schema.ts',
  },
  {
    rule: 'the shared contracts (pipeline/errors, params, frame, workers) never import stages, commands or the orchestrator',
    allows: ({ from, to }) =>
      !['pipeline/errors', 'pipeline/params', 'pipeline/frame', 'pipeline/workers'].some((folder) => under(from, folder)) ||
      !(inStage(to) || isCommandLine(to) || under(to, 'pipeline/run')),
  },
];

/**
 * Every arrow of the graph that breaks a rule.
 *
 * @example
 *   importViolations([{ from: 'pipeline/rank/rankBorough.ts', to: 'pipeline/run/runPipeline.ts' }]); // one violation
 */
export function importViolations(edges: readonly ImportEdge[]): Violation[] {
  return edges.flatMap((edge) => IMPORT_RULES.filter((r) => !r.allows(edge)).map((r) => ({ ...edge, rule: r.rule })));
}

/**
 * The import graph of the TypeScript sources under `folders` of `root`:
 * static imports and re-exports (`import … from`, `import type`, `export …
 * from`, side-effect imports) and dynamic `import('…')` of relative paths,
 * resolved to repository paths. Package imports are not arrows of the project.
 *
 * @example
 *   importGraph(root, ['pipeline', 'models']).filter((e) => e.from === 'pipeline/main.ts');
 */
export function importGraph(root: string, folders: readonly string[]): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const folder of folders) {
    for (const file of tsFiles(join(root, folder))) {
      const from = relative(root, file).split(sep).join('/');
      const text = readFileSync(file, 'utf8');
      for (const specifier of importSpecifiers(text)) {
        if (!specifier.startsWith('.')) continue;
        const to = normalize(join(dirname(from), specifier)).split(sep).join('/').replace(/\.js$/, '.ts');
        edges.push({ from, to });
      }
    }
  }
  return edges;
}

/** The module specifiers a source imports (statically or with `import()`), comments (and their examples) aside. */
export function importSpecifiers(source: string): string[] {
  const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found: string[] = [];
  const patterns = [/^\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]/gm, /^\s*import\s*['"]([^'"]+)['"]/gm, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.push(match[1] as string);
  return found;
}

function* tsFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* tsFiles(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) yield path;
  }
}
