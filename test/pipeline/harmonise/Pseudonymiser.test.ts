import { createHmac, randomBytes } from 'node:crypto';
import { Pseudonymiser } from '../../../pipeline/harmonise/apply/Pseudonymiser.js';

describe('Pseudonymiser', () => {
  it('gives HMAC-SHA-256 of the kind and the normalised value, cut to 16 hex digits (pseudonyms made earlier with a key stay the same)', () => {
    for (let k = 0; k < 3; k++) {
      const key = randomBytes(32);
      const p = new Pseudonymiser(key);
      const values = ['CT00000000000000000017', ' smith ', 'Peña', 'O’Brien', 'x'.repeat(5000), '', 'LL 12  34'];
      for (const kind of ['account', 'surname', 'landlord', 'elector', 'claim'] as const) {
        for (const value of values) {
          const normal = value.trim().replace(/\s+/g, ' ').toUpperCase();
          const expected = createHmac('sha256', key).update(`${kind}\u0000${normal}`).digest('hex').slice(0, 16);
          expect([kind, value.slice(0, 20), p.pseudonym(kind, value)]).toEqual([kind, value.slice(0, 20), expected]);
          // asked again (from the cache for surnames and landlords): the same
          expect(p.pseudonym(kind, value)).toBe(expected);
        }
      }
    }
  });
});
