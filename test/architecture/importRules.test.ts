import { packageRoot } from '../../pipeline/util/packageRoot.js';
import { importGraph, importSpecifiers, importViolations } from './importGraph.js';

describe('import rules (docs/architecture.md)', () => {
  const graph = importGraph(packageRoot(), ['pipeline', 'models', 'scripts']);

  test('the sources hold import arrows (the graph is read)', () => {
    expect(graph.length).toBeGreaterThan(500);
    expect(graph).toContainEqual({ from: 'pipeline/main.ts', to: 'pipeline/commands/index.ts' });
    // Dynamic imports count: the run's per-borough stage table loads the stages.
    expect(graph).toContainEqual({ from: 'pipeline/run/graph/boroughStages.ts', to: 'pipeline/rank/rankBoroughStage.ts' });
  });

  test('every arrow of the sources keeps the rules', () => {
    expect(importViolations(graph)).toEqual([]);
  });

  test.each([
    ['a stage imports the command line', 'pipeline/evaluate/inputs/readTruth.ts', 'pipeline/commands/index.ts', 'a stage'],
    ['a stage imports the orchestrator', 'pipeline/evaluate/scoring/modelEvaluation.ts', 'pipeline/run/graph/boroughStages.ts', 'a stage'],
    ['a learner imports a stage', 'models/Scorer.ts', 'pipeline/features/buildFeatures.ts', 'models/'],
    ['a learner imports the whole params', 'models/mlp/mlpLearner.ts', 'pipeline/params/Params.ts', 'models/'],
    ['product code imports scripts/', 'pipeline/commands/generate.ts', 'scripts/generate/generateDrop.ts', 'scripts/'],
    ['the schema imports the project', 'pipeline/standard/schema.ts', 'pipeline/util/packageRoot.ts', 'schema'],
    ['a writer imports the orchestrator', 'pipeline/writers/list/renderListHtml.ts', 'pipeline/run/registry/RunRecord.ts', 'orchestrator'],
    ['the orchestrator imports the command line', 'pipeline/run/runPipeline.ts', 'pipeline/commands/run.ts', 'orchestrator'],
    ['a contract imports a stage', 'pipeline/workers/WorkerPool.ts', 'pipeline/rank/rankBorough.ts', 'shared contracts'],
  ])('a violating arrow is caught: %s', (_name, from, to, rule) => {
    const violations = importViolations([{ from, to }]);
    expect(violations).toHaveLength(1);
    expect(violations[0]?.rule).toContain(rule);
  });

  test('allowed arrows pass: a stage imports a contract, a learner imports the frame and the params rule type', () => {
    expect(
      importViolations([
        { from: 'pipeline/rank/rankBorough.ts', to: 'pipeline/frame/listOrder.ts' },
        { from: 'pipeline/train/trainModel.ts', to: 'models/learners.ts' },
        { from: 'models/Scorer.ts', to: 'pipeline/frame/FeatureFrame.ts' },
        { from: 'models/Learner.ts', to: 'pipeline/params/ParamRule.ts' },
        { from: 'pipeline/run/runPipeline.ts', to: 'pipeline/train/trainModel.ts' },
      ]),
    ).toEqual([]);
  });

  test('specifiers are found in static, type, re-export, side-effect and dynamic imports', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from '../b.js';",
      "export { c } from './c.js';",
      "import './d.js';",
      "const e = await import('./e.js');",
      "import {\n  f,\n  g,\n} from './fg.js';",
      "/** @example\n *   await import('./not-in-a-comment.js');\n */",
      "// import { h } from './commented-out.js';",
    ].join('\n');
    expect(importSpecifiers(text).sort()).toEqual(['../b.js', './a.js', './c.js', './d.js', './e.js', './fg.js']);
  });
});
