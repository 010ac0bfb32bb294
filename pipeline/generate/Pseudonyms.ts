/**
 * Pseudonymous references as a borough would make them: salted hashes,
 * written as 16 hex digits. The salt is per borough (from the seed), so the
 * same person or landlord gets unrelated refs in two boroughs, and a ref
 * reveals nothing of the counter behind it.
 *
 * @example
 *   const refs = new Pseudonyms(rng.fork('salt').nextUint32());
 *   refs.ref('elector', 17); // e.g. '9f0c2a41d83b7e65'
 */
export class Pseudonyms {
  constructor(private readonly salt: number) {}

  ref(kind: 'account' | 'elector' | 'surname' | 'claim' | 'landlord', id: number): string {
    const k = KIND_CODES[kind];
    const high = mix32(Math.imul(id ^ this.salt, 0x9e3779b1) ^ Math.imul(k, 0x85ebca77));
    const low = mix32(high ^ Math.imul(id + k, 0xc2b2ae3d) ^ this.salt);
    return hex8(high) + hex8(low);
  }
}

const KIND_CODES = { account: 1, elector: 2, surname: 3, claim: 4, landlord: 5 } as const;

function mix32(x: number): number {
  let z = x >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x7feb352d) >>> 0;
  z = Math.imul(z ^ (z >>> 15), 0x846ca68b) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

const HEX_BYTES = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex8(x: number): string {
  return (
    (HEX_BYTES[x >>> 24] as string) + (HEX_BYTES[(x >>> 16) & 255] as string) + (HEX_BYTES[(x >>> 8) & 255] as string) + (HEX_BYTES[x & 255] as string)
  );
}
