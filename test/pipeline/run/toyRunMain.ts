// A toy `hmo run` in its own process, for the kill -9 test:
//   node toyRunMain.js DROP OUT SLOW_MS
// prints the run's JSON events on stdout.
import { DEFAULT_PARAMS } from '../../../pipeline/params.js';
import { JsonRenderer } from '../../../pipeline/progress/JsonRenderer.js';
import { RunEvents } from '../../../pipeline/progress/RunEvent.js';
import { runPipeline } from '../../../pipeline/run/runPipeline.js';
import { toyEvaluation, toyStages } from './toyStages.js';

const [drop, out, slow] = process.argv.slice(2);
const events = new RunEvents([new JsonRenderer(process.stdout, 0)]);
await runPipeline(
  { drop: drop as string, out: out as string, params: structuredClone(DEFAULT_PARAMS), stages: toyStages(undefined, { slowMs: Number(slow) }), evaluation: toyEvaluation },
  events,
);
events.close();
