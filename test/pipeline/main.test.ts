import { main } from '../../pipeline/main.js';

describe('hmo command line', () => {
  test('a usage error exits with 2', async () => {
    const write = process.stderr.write;
    let printed = '';
    process.stderr.write = ((chunk: string) => {
      printed += chunk;
      return true;
    }) as typeof process.stderr.write;
    try {
      expect(await main(['no-such-command'])).toBe(2);
    } finally {
      process.stderr.write = write;
    }
    expect(printed).toContain('Usage error');
  });
});
