import type { StageImplementations } from './pipelineGraph.js';

// The stages are built on other branches; they are loaded by module path at
// run time so that this wiring compiles before they are merged (TODO: static
// imports once every stage is in main).
const MODULES = {
  listDropBoroughs: '../ingest/listDropBoroughs.js',
  ingestBorough: '../ingest/ingestBorough.js',
  writeQualityReport: '../ingest/writeQualityReport.js',
  writeDropDatabase: '../ingest/writeDropDatabase.js',
  buildBoroughFeatures: '../features/buildBoroughFeatures.js',
  trainModel: '../train/trainModel.js',
  evaluateModel: '../evaluate/evaluateModel.js',
  rankBorough: '../rank/rankBorough.js',
} as const;

type Loaded = { [K in keyof typeof MODULES]: StageImplementations[K] };

/**
 * The real stage entry points (docs/architecture.md, "Stage entry points")
 * and the modules whose code each runs.
 *
 * @example
 *   const graph = pipelineGraph(await realStages());
 */
export async function realStages(): Promise<StageImplementations> {
  const loaded: Partial<Loaded> = {};
  for (const [name, path] of Object.entries(MODULES) as Array<[keyof Loaded, string]>) {
    const module = (await import(path)) as Record<string, unknown>;
    const entry = module[name];
    if (typeof entry !== 'function') throw new Error(`${path} does not export ${name}`);
    (loaded as Record<string, unknown>)[name] = entry;
  }
  const url = (path: string) => new URL(path, import.meta.url).href;
  return {
    ...(loaded as Loaded),
    modules: {
      ingest: [url(MODULES.ingestBorough)],
      quality: [url(MODULES.writeQualityReport)],
      database: [url(MODULES.writeDropDatabase)],
      features: [url(MODULES.buildBoroughFeatures)],
      train: [url(MODULES.trainModel)],
      evaluate: [url(MODULES.evaluateModel)],
      rank: [url(MODULES.rankBorough)],
    },
  };
}
