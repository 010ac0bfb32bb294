import type { DuckDBConnection } from '@duckdb/node-api';
import { harmoniseMessages } from '../../messages/harmonise.js';
import { HarmoniseError } from '../HarmoniseError.js';

/**
 * The contract of the address-matching engine
 * (`pipeline/harmonise/address/matchAddresses.ts`): one `AddressMatch` per row
 * of `rawTable` (key BIGINT, address VARCHAR, postcode VARCHAR NULL), in key
 * order, against `gazetteerTable` (uprn VARCHAR, address VARCHAR, postcode
 * VARCHAR NULL). `uprn` is set only when the decision is `sure`.
 */
export type MatchDecision = 'sure' | 'review' | 'none';

export interface AddressMatch {
  key: number;
  uprn: string | null;
  score: number;
  decision: MatchDecision;
  bestUprn: string | null;
  candidate2Uprn: string | null;
  candidate2Score: number | null;
}

export interface MatchOptions {
  sureThreshold?: number;
  reviewThreshold?: number;
  seed?: number;
}

export type AddressMatcher = (conn: DuckDBConnection, rawTable: string, gazetteerTable: string, options?: MatchOptions) => Promise<AddressMatch[]>;

/**
 * The matching engine, loaded when first needed (it lives in its own module,
 * built by its own issue).
 *
 * @example
 *   const match = await loadAddressMatcher();
 *   const matches = await match(conn, 'raw_addresses', 'gazetteer');
 */
export async function loadAddressMatcher(): Promise<AddressMatcher> {
  const url = new URL('../address/matchAddresses.js', import.meta.url).href;
  let module: { matchAddresses?: AddressMatcher };
  try {
    module = (await import(url)) as { matchAddresses?: AddressMatcher };
  } catch (error) {
    throw new HarmoniseError(harmoniseMessages.matcherMissing(error instanceof Error ? error.message : String(error)), 1);
  }
  if (typeof module.matchAddresses !== 'function') throw new HarmoniseError(harmoniseMessages.matcherMissing('matchAddresses is not exported'), 1);
  return module.matchAddresses;
}
