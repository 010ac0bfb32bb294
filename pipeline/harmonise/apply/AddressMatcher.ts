import type { DuckDBConnection } from '@duckdb/node-api';
import { matchAddressesToTable, type MatchOptions } from '../address/matchAddresses.js';

export type { AddressMatch, MatchDecision, MatchOptions } from '../address/matchAddresses.js';

/**
 * What `apply` calls to tie addresses to UPRNs: it writes `targetTable`
 * (replaced if it exists) with one row per row of `rawTable` (key BIGINT,
 * address VARCHAR, postcode VARCHAR NULL), matched against `gazetteerTable`
 * (uprn VARCHAR, address VARCHAR, postcode VARCHAR NULL): key BIGINT, uprn
 * VARCHAR (set only when the decision is `sure`), score DOUBLE, decision
 * VARCHAR (`sure`, `review`, `none`), best_uprn VARCHAR, candidate2_uprn
 * VARCHAR, candidate2_score DOUBLE. The result stays in DuckDB (which spills
 * past its memory limit), so a borough's matches are never all held in
 * JavaScript. The product uses the engine of `pipeline/harmonise/address`
 * (Fellegi–Sunter in DuckDB); tests may pass another with the same contract.
 */
export type AddressMatcher = (conn: DuckDBConnection, rawTable: string, gazetteerTable: string, targetTable: string, options?: MatchOptions) => Promise<void>;

/** The product's matcher. */
export const defaultAddressMatcher: AddressMatcher = async (conn, rawTable, gazetteerTable, targetTable, options) => {
  await matchAddressesToTable(conn, rawTable, gazetteerTable, targetTable, options);
};
