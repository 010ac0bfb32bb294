// Worker thread entry of `writeRawExports`: writes the raw exports of the boroughs it is sent, one at a time.
import { parentPort } from 'node:worker_threads';
import { rawStyle } from './RawStyle.js';
import { writeRawBorough, type RawBoroughJob } from './writeRawBorough.js';

type RawWorkerJob = Omit<RawBoroughJob, 'style'> & { styleName: string };

parentPort?.on('message', (job: RawWorkerJob) => {
  try {
    const style = rawStyle(job.styleName);
    if (!style) throw new Error(`unknown raw style ${job.styleName}`);
    parentPort?.postMessage({ ok: true, summary: writeRawBorough({ ...job, style }) });
  } catch (error) {
    parentPort?.postMessage({ ok: false, code: job.code, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
