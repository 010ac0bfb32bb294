// Worker thread of TrainerPool: receives the frame once, then fits one task at a time.
import { parentPort } from 'node:worker_threads';
import { initBackend } from '../../models/backend.js';
import type { FeatureFrame } from '../features/FeatureFrame.js';
import type { Params } from '../params.js';
import { runTrainTask, type TrainTask } from './runTrainTask.js';

type Request = { type: 'frame'; frame: FeatureFrame; train: Params['train'] } | { type: 'task'; task: TrainTask };

let frame: FeatureFrame | undefined;
let train: Params['train'] | undefined;
// Messages are handled as they arrive; a task must wait until the backend has started.
let ready: Promise<unknown> = Promise.resolve();

parentPort?.on('message', (request: Request) => {
  void handle(request);
});

async function handle(request: Request): Promise<void> {
  if (request.type === 'frame') {
    frame = request.frame;
    train = request.train;
    ready = initBackend();
    return;
  }
  try {
    await ready;
    if (frame === undefined || train === undefined) throw new Error('worker received a task before the frame');
    const result = await runTrainTask(frame, request.task, train);
    const transfer: ArrayBuffer[] = [result.testLogits.buffer as ArrayBuffer];
    if (result.model !== undefined) transfer.push(result.model.network.weights.buffer as ArrayBuffer);
    parentPort?.postMessage({ type: 'result', result }, transfer);
  } catch (error) {
    parentPort?.postMessage({ type: 'error', id: request.task.id, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}
