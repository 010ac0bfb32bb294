import * as tf from '@tensorflow/tfjs';
import { initBackend, resetBackendChoice } from '../../../models/tfjs/backend.js';

describe('initBackend', () => {
  afterEach(() => resetBackendChoice());

  test('falls back to WebAssembly when @tensorflow/tfjs-node cannot be imported, and says so', async () => {
    resetBackendChoice();
    const info = await initBackend({
      importNative: () => Promise.reject(Object.assign(new Error('Cannot find package'), { code: 'ERR_MODULE_NOT_FOUND' })),
    });
    expect(info.name).toBe('wasm');
    expect(info.reason).toContain('@tensorflow/tfjs-node is not installed (ERR_MODULE_NOT_FOUND)');
    expect(tf.getBackend()).toBe('wasm');
    expect(tf.tidy(() => tf.add(tf.scalar(2), tf.scalar(3)).dataSync()[0])).toBe(5);
  });

  test('HMO_TF_BACKEND=wasm forces WebAssembly without trying the native package', async () => {
    resetBackendChoice();
    let tried = false;
    const info = await initBackend({
      forceWasm: true,
      importNative: async () => {
        tried = true;
      },
    });
    expect(tried).toBe(false);
    expect(info).toMatchObject({ name: 'wasm', reason: expect.stringContaining('HMO_TF_BACKEND=wasm') });
  });

  test('the default importer (tfjs-node is not installed here) ends on WebAssembly', async () => {
    resetBackendChoice();
    const info = await initBackend();
    expect(info.name).toBe('wasm');
  });
});
