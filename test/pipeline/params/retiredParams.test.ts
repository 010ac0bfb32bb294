import { paramsMessages, RETIRED_PARAMS } from '../../../pipeline/messages/params.js';
import { resolveParams } from '../../../pipeline/params/loadParams.js';
import { DEFAULT_PARAMS } from '../../../pipeline/params/Params.js';

describe('params of the TensorFlow.js logistic regression (epochs, learning_rate, batch_size)', () => {
  test('are refused with a message that says why and what to do, for train.logistic and train.blend', () => {
    expect(() => resolveParams({ train: { logistic: { epochs: 60 } } }, 'old.yaml')).toThrow(
      paramsMessages.retiredKey('old.yaml', 'train.logistic.epochs', RETIRED_PARAMS['train.logistic.epochs'] as string),
    );
    expect(() => resolveParams({ train: { blend: { logistic_batch_size: 2048 } } }, 'old.yaml')).toThrow('"train.blend.logistic_batch_size" is no longer a setting');
    expect(() => resolveParams({ train: { logistic: { learning_rate: 0.05 } } }, 'old.yaml')).toThrow('Delete it from the params file.');
  });

  test('any other unknown key is still an unknown key; the new settings are accepted', () => {
    expect(() => resolveParams({ train: { logistic: { epoch: 60 } } }, 'p.yaml')).toThrow(paramsMessages.unknownKey('p.yaml', 'train.logistic.epoch', Object.keys(DEFAULT_PARAMS.train.logistic)));
    const params = resolveParams({ train: { logistic: { max_iter: 50, tol: 1e-8, l2: 0.01 }, blend: { logistic_l2: 0.01 } } }, 'p.yaml');
    expect(params.train.logistic).toEqual({ max_iter: 50, tol: 1e-8, l2: 0.01 });
    expect(params.train.blend.logistic_l2).toBe(0.01);
  });
});
