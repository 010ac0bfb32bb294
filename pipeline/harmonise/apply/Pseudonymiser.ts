import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { harmoniseMessages } from '../../messages/harmonise.js';
import { HarmoniseError } from '../../errors/HarmoniseError.js';

/** What kind of identifier a pseudonym stands for: the same raw value in two kinds gives two unrelated pseudonyms. */
export type PseudonymKind = 'account' | 'elector' | 'surname' | 'claim' | 'landlord' | 'licence';

/** The standard's pseudonymous column → the kind of identifier it holds. */
export const PSEUDONYM_KIND: Readonly<Record<string, PseudonymKind>> = {
  account_ref: 'account',
  elector_ref: 'elector',
  surname_key: 'surname',
  claim_ref: 'claim',
  landlord_ref: 'landlord',
};

const KEY_PATTERN = /^[0-9a-f]{64}$/;
const CACHE_LIMIT = 200_000;

/**
 * Turns identifiers of people (account, elector, claim and landlord numbers,
 * surnames) into the standard's pseudonyms: HMAC-SHA-256 under the borough's
 * secret key, of the kind and the value (trimmed, spaces collapsed, upper
 * case), cut to 16 hex digits. The same value gives the same pseudonym in
 * every table and every run with the same key (a landlord's ref on a claim
 * and on a property agree); without the key nobody can go back, or test a
 * guessed name.
 *
 * @example
 *   const p = new Pseudonymiser(readKeyFile('hackney.key'));
 *   p.pseudonym('surname', ' Smith ') === p.pseudonym('surname', 'SMITH'); // true
 */
export class Pseudonymiser {
  /**
   * Pseudonyms already made, of the kinds whose values repeat from row to row (surnames, landlords);
   * account, elector and claim numbers are nearly all distinct, and are not kept. Emptied when full, so
   * memory stays bounded whatever the borough's size.
   */
  private readonly cache = new Map<string, string>();

  constructor(private readonly key: Buffer) {}

  pseudonym(kind: PseudonymKind, value: string): string {
    const normal = value.trim().replace(/\s+/g, ' ').toUpperCase();
    const input = `${kind}\u0000${normal}`;
    const repeats = kind === 'surname' || kind === 'landlord';
    let out = repeats ? this.cache.get(input) : undefined;
    if (out === undefined) {
      out = createHmac('sha256', this.key).update(input).digest('hex').slice(0, 16);
      if (repeats) {
        if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
        this.cache.set(input, out);
      }
    }
    return out;
  }
}

/** Reads a key written by `hmo harmonise keygen`: 64 hex digits (32 random bytes). */
export function readKeyFile(path: string): Buffer {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new HarmoniseError(harmoniseMessages.keyFileMissing(path), 2);
  }
  const hex = text
    .split(/\r?\n/)
    .filter((l) => !l.startsWith('#'))
    .join('')
    .trim()
    .toLowerCase();
  if (!KEY_PATTERN.test(hex)) throw new HarmoniseError(harmoniseMessages.keyFileBad(path), 2);
  return Buffer.from(hex, 'hex');
}

/**
 * Writes a new random key (32 bytes from the system's secure generator) to
 * `path`, readable by its owner only; never overwrites a key.
 *
 * @example
 *   writeNewKeyFile('secrets/hackney.key');
 */
export function writeNewKeyFile(path: string): void {
  const key = randomBytes(32).toString('hex');
  const text = `# hmo harmonise pseudonym key. Keep it secret, keep it safe, use the same key for every drop of this borough.\n${key}\n`;
  try {
    writeFileSync(path, text, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new HarmoniseError(harmoniseMessages.keyFileExists(path), 2);
    throw new HarmoniseError(harmoniseMessages.keyFileUnwritable(path, error instanceof Error ? error.message : String(error)), 1);
  }
}
