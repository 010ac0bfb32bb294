// A toy `hmo run` in its own process, for the kill -9 test:
//   node toyRunMain.js DROP OUT SLOW_MS
// prints the run's JSON events on stdout.
import { DEFAULT_PARAMS } from '../../../pipeline/params/Params.js';
import { JsonRenderer } from '../../../pipeline/progress/JsonRenderer.js';
import { RunEvents } from '../../../pipeline/progress/RunEvent.js';
import { runPipeline } from '../../../pipeline/run/runPipeline.js';
import { toyEvaluation, toyStages } from './toyStages.js';

const [drop, out, slow] = process.argv.slice(2);
const events = new RunEvents([new JsonRenderer(process.stdout, 0)]);
// One borough at a time: the kill points ("while the 2nd borough runs, the 1st done") assume it.
await runPipeline(
  {
    drop: drop as string,
    out: out as string,
    params: structuredClone(DEFAULT_PARAMS),
    stages: toyStages(undefined, { slowMs: Number(slow) }),
    evaluation: toyEvaluation,
    concurrency: 1,
  },
  events,
);
events.close();
