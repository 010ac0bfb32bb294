// Worker thread entry of `generateDrop`: generates the boroughs it is sent, one at a time.
import { parentPort } from 'node:worker_threads';
import { generateBorough, type BoroughJob } from './generateBorough.js';

parentPort?.on('message', (job: BoroughJob) => {
  try {
    parentPort?.postMessage({ ok: true, summary: generateBorough(job) });
  } catch (error) {
    parentPort?.postMessage({ ok: false, code: job.code, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
