import * as tf from '@tensorflow/tfjs';
import type { FittedModel, LearnerImplementation, LoadedModel } from '../Learner.js';
import { initBackend } from './backend.js';
import { fitNetwork, type NetworkFitSettings } from './fitNetwork.js';
import { integratedGradients } from './integratedGradients.js';
import { loadNetwork, MODEL_JSON, networkFiles, WEIGHTS_BIN } from './modelFiles.js';
import { predictLogits } from './network.js';

/**
 * The implementation of the TensorFlow.js learners (the MLP; the logistic
 * regression has its own in TypeScript, models/logistic): a network named after the learner's kind
 * (`buildNetwork`), fitted by `fitNetwork`, saved as model.json +
 * weights.bin, explained by integrated gradients.
 *
 * @example
 *   implementation: async () => (await import('./networkImplementation.js')).networkImplementation<MlpSettings>('mlp'),
 */
export function networkImplementation<S extends NetworkFitSettings>(kind: string): LearnerImplementation<S> {
  return {
    files: [MODEL_JSON, WEIGHTS_BIN],
    async fit(data, settings, options): Promise<FittedModel> {
      await initBackend();
      const { model, report } = await fitNetwork(kind, data.x, data.labels, data.width, settings, options);
      return {
        report,
        logits: (x, width) => predictLogits(model, x, width),
        files: async () => {
          const files = await networkFiles(model);
          return { [MODEL_JSON]: files.modelJson, [WEIGHTS_BIN]: files.weights };
        },
        dispose: () => {
          model.dispose();
          // Adam's slots live outside the model; dispose them so that folds do not leak.
          (model.optimizer as tf.Optimizer | undefined)?.dispose();
        },
      };
    },
    async load(dir): Promise<LoadedModel> {
      await initBackend();
      const network = await loadNetwork(dir);
      return {
        logits: (x, width) => predictLogits(network, x, width),
        attribute: (x, width, reference) => integratedGradients(network, x, width, reference),
      };
    },
  };
}
