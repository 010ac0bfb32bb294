import type { DuckDBConnection } from '@duckdb/node-api';
import type { AddressMatch, AddressMatcher } from '../../pipeline/harmonise/apply/AddressMatcher.js';

/** An address as the stand-in compares it: upper case, letters and digits only, single spaces. */
export function standInKey(address: string, postcode: string | null): string {
  const clean = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]+/g, ' ').trim();
  return `${clean(address)}|${clean(postcode ?? '')}`;
}

/**
 * A TEST-ONLY stand-in for the address-matching engine (pipeline/harmonise/address,
 * built on its own branch): it knows the answer. `truth` maps `standInKey(address,
 * postcode)` to the UPRN; a known address is `sure`, a key listed in `review` is
 * `review` (best candidate given, no UPRN), anything else `none`. It lets the tests
 * of suggest/apply check what happens downstream of matching without depending on
 * the engine's quality. Never used by the product.
 *
 * @example
 *   const matcher = standInAddressMatcher(new Map([[standInKey('1 A Road, London', 'N1 1AA'), '100']]));
 */
export function standInAddressMatcher(truth: ReadonlyMap<string, string>, review: ReadonlySet<string> = new Set()): AddressMatcher {
  return async (conn: DuckDBConnection, rawTable: string, gazetteerTable: string): Promise<AddressMatch[]> => {
    const gazetteer = new Set(((await conn.runAndReadAll(`SELECT uprn FROM ${gazetteerTable}`)).getRowObjectsJS() as { uprn: string }[]).map((r) => r.uprn));
    const rows = (await conn.runAndReadAll(`SELECT key, address, postcode FROM ${rawTable} ORDER BY key`)).getRowObjectsJS() as { key: bigint; address: string; postcode: string | null }[];
    return rows.map((row) => {
      const key = standInKey(row.address, row.postcode);
      const uprn = truth.get(key);
      const known = uprn !== undefined && gazetteer.has(uprn);
      if (known && review.has(key)) return { key: Number(row.key), uprn: null, score: 0.8, decision: 'review', bestUprn: uprn, candidate2Uprn: null, candidate2Score: null };
      if (known) return { key: Number(row.key), uprn, score: 0.99, decision: 'sure', bestUprn: uprn, candidate2Uprn: null, candidate2Score: null };
      return { key: Number(row.key), uprn: null, score: 0.1, decision: 'none', bestUprn: null, candidate2Uprn: null, candidate2Score: null };
    });
  };
}
