import { runHmo } from '../helpers/runHmo.js';

describe('hmo command line', () => {
  test('a usage error exits with 2', async () => {
    const { code, stderr } = await runHmo(['no-such-command']);
    expect(code).toBe(2);
    expect(stderr).toContain('Usage error');
  });
});
