import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths, version_wasm as wasmVersion } from '@tensorflow/tfjs-backend-wasm';
import type { LearnerRuntime } from '../Learner.js';

/** Which TensorFlow.js backend runs the models, and why that one. */
export interface BackendInfo {
  /** tfjs backend name: `tensorflow` (tfjs-node, native) or `wasm`. */
  name: 'tensorflow' | 'wasm';
  /** Plain-English reason for the choice, for logs and metadata. */
  reason: string;
  tfjsVersion: string;
}

/** How to try the native backend; injectable so that tests can exercise both paths. */
export type NativeImporter = () => Promise<unknown>;

// A variable specifier keeps TypeScript from resolving (and requiring) the optional package at build time.
const NATIVE_PACKAGE = '@tensorflow/tfjs-node';
const importNative: NativeImporter = () => import(NATIVE_PACKAGE);

let chosen: Promise<BackendInfo> | undefined;

/**
 * Picks the TensorFlow.js backend once per process (thread): the native
 * `@tensorflow/tfjs-node` when it is installed (an optional dependency, only
 * ever loaded through `import()`), else the WebAssembly backend shipped with
 * `@tensorflow/tfjs-backend-wasm`. `HMO_TF_BACKEND=wasm` forces WebAssembly.
 *
 * @example
 *   const backend = await initBackend(); // { name: 'wasm', reason: '@tensorflow/tfjs-node is not installed', ... }
 */
export function initBackend(options: { importNative?: NativeImporter; forceWasm?: boolean } = {}): Promise<BackendInfo> {
  chosen ??= chooseBackend(options.importNative ?? importNative, options.forceWasm ?? process.env.HMO_TF_BACKEND === 'wasm');
  return chosen;
}

/**
 * The TensorFlow.js learners' `Learner.runtime`: starts the backend
 * (`initBackend`) and names it, with the versions to record in metadata.json.
 *
 * @example
 *   runtime: async () => (await import('../tfjs/backend.js')).tfjsRuntime(),
 */
export async function tfjsRuntime(): Promise<LearnerRuntime> {
  const backend = await initBackend();
  return { name: backend.name, reason: backend.reason, versions: { '@tensorflow/tfjs': backend.tfjsVersion, '@tensorflow/tfjs-backend-wasm': wasmVersion } };
}

/** Forgets the choice (tests only: the next `initBackend` chooses again). */
export function resetBackendChoice(): void {
  chosen = undefined;
}

async function chooseBackend(tryNative: NativeImporter, forceWasm: boolean): Promise<BackendInfo> {
  let reason: string;
  if (forceWasm) {
    reason = 'WebAssembly forced by HMO_TF_BACKEND=wasm';
  } else {
    try {
      await tryNative();
      if (await tf.setBackend('tensorflow')) {
        return { name: 'tensorflow', reason: `${NATIVE_PACKAGE} is installed (native TensorFlow)`, tfjsVersion: tf.version.tfjs };
      }
      reason = `${NATIVE_PACKAGE} loaded but its backend did not start`;
    } catch (error) {
      reason = `${NATIVE_PACKAGE} is not installed (${(error as { code?: string }).code ?? (error as Error).message})`;
    }
  }
  await useWasm();
  return { name: 'wasm', reason: `${reason}; using the WebAssembly backend`, tfjsVersion: tf.version.tfjs };
}

async function useWasm(): Promise<void> {
  if (tf.getBackend() === 'wasm') return;
  // In Node the .wasm binaries are read from the package's dist folder, next to its main file.
  const require = createRequire(import.meta.url);
  setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`);
  if (!(await tf.setBackend('wasm'))) throw new Error('The TensorFlow.js WebAssembly backend did not start');
  await tf.ready();
}
