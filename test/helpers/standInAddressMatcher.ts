import type { DuckDBConnection } from '@duckdb/node-api';
import type { AddressMatcher } from '../../pipeline/harmonise/apply/AddressMatcher.js';

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
 * the engine's quality. Never used by the product. Writes the matcher's table, as
 * the engine does.
 *
 * @example
 *   const matcher = standInAddressMatcher(new Map([[standInKey('1 A Road, London', 'N1 1AA'), '100']]));
 */
export function standInAddressMatcher(truth: ReadonlyMap<string, string>, review: ReadonlySet<string> = new Set()): AddressMatcher {
  return async (conn: DuckDBConnection, rawTable: string, gazetteerTable: string, targetTable: string): Promise<void> => {
    const gazetteer = new Set(((await conn.runAndReadAll(`SELECT uprn FROM ${gazetteerTable}`)).getRowObjectsJS() as { uprn: string }[]).map((r) => r.uprn));
    const rows = (await conn.runAndReadAll(`SELECT key, address, postcode FROM ${rawTable} ORDER BY key`)).getRowObjectsJS() as { key: bigint; address: string; postcode: string | null }[];
    await conn.run(`CREATE OR REPLACE TABLE ${targetTable} (key BIGINT, uprn VARCHAR, score DOUBLE, decision VARCHAR, best_uprn VARCHAR, candidate2_uprn VARCHAR, candidate2_score DOUBLE)`);
    const appender = await conn.createAppender(targetTable);
    for (const row of rows) {
      const key = standInKey(row.address, row.postcode);
      const uprn = truth.get(key);
      const known = uprn !== undefined && gazetteer.has(uprn);
      const decision = known && review.has(key) ? 'review' : known ? 'sure' : 'none';
      appender.appendBigInt(row.key);
      if (decision === 'sure') appender.appendVarchar(uprn as string);
      else appender.appendNull();
      appender.appendDouble(decision === 'sure' ? 0.99 : decision === 'review' ? 0.8 : 0.1);
      appender.appendVarchar(decision);
      if (known) appender.appendVarchar(uprn as string);
      else appender.appendNull();
      appender.appendNull();
      appender.appendNull();
      appender.endRow();
    }
    appender.flushSync();
    appender.closeSync();
  };
}
