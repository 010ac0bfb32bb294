import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { writeFileAtomic } from '../../pipeline/util/atomicWrite.js';
import './network.js'; // registers SeededDropout, which saved MLPs name in their topology

/** A network in saveable form: tfjs's model.json (topology + weights manifest) and the weight bytes. */
export interface NetworkFiles {
  modelJson: string;
  weights: Uint8Array;
}

export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';

/**
 * Serialises a network through a custom `tf.io` save handler (the wasm and
 * cpu builds of tfjs have no file:// handler): the layers-model JSON that
 * `tf.loadLayersModel` understands, and one weights file.
 *
 * @example
 *   const files = await networkFiles(model);
 *   writeNetworkFiles(dir, files);
 *   const again = await loadNetwork(dir);
 */
export async function networkFiles(model: tf.LayersModel): Promise<NetworkFiles> {
  let captured: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
    }),
  );
  if (captured === undefined) throw new Error('tfjs did not hand over the model artifacts');
  const data = captured.weightData;
  const weights = data === undefined ? new Uint8Array(0) : Array.isArray(data) ? concatenate(data) : new Uint8Array(data.slice(0));
  const modelJson = {
    format: 'layers-model',
    generatedBy: captured.generatedBy,
    convertedBy: null,
    modelTopology: captured.modelTopology,
    weightsManifest: [{ paths: [WEIGHTS_BIN], weights: captured.weightSpecs ?? [] }],
  };
  return { modelJson: `${JSON.stringify(modelJson, null, 2)}\n`, weights };
}

/** Writes model.json and weights.bin into `dir` (each atomically). */
export function writeNetworkFiles(dir: string, files: NetworkFiles): void {
  writeFileAtomic(join(dir, WEIGHTS_BIN), files.weights);
  writeFileAtomic(join(dir, MODEL_JSON), files.modelJson);
}

/** Loads a network written by `writeNetworkFiles`, through a custom `tf.io` load handler. */
export async function loadNetwork(dir: string): Promise<tf.LayersModel> {
  return tf.loadLayersModel(networkLoadHandler(readNetworkFiles(dir)));
}

/** Rebuilds a network from its files held in memory (e.g. sent back by a worker thread). */
export async function networkFromFiles(files: NetworkFiles): Promise<tf.LayersModel> {
  return tf.loadLayersModel(networkLoadHandler(files));
}

export function readNetworkFiles(dir: string): NetworkFiles {
  return { modelJson: readFileSync(join(dir, MODEL_JSON), 'utf8'), weights: new Uint8Array(readFileSync(join(dir, WEIGHTS_BIN))) };
}

function networkLoadHandler(files: NetworkFiles): tf.io.IOHandler {
  return {
    load: async () => {
      const json = JSON.parse(files.modelJson) as {
        format?: string;
        generatedBy?: string;
        modelTopology: object;
        weightsManifest: Array<{ weights: tf.io.WeightsManifestEntry[] }>;
      };
      const weights = files.weights;
      return {
        format: json.format,
        generatedBy: json.generatedBy,
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
        weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer,
      };
    },
  };
}

function concatenate(parts: ArrayBuffer[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(new Uint8Array(part), offset);
    offset += part.byteLength;
  }
  return out;
}
