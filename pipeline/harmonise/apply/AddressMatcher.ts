import type { DuckDBConnection } from '@duckdb/node-api';
import { matchAddresses, type AddressMatch, type MatchOptions } from '../address/matchAddresses.js';

export type { AddressMatch, MatchDecision, MatchOptions } from '../address/matchAddresses.js';

/**
 * What `apply` calls to tie addresses to UPRNs: one `AddressMatch` per row of
 * `rawTable` (key BIGINT, address VARCHAR, postcode VARCHAR NULL), in key
 * order, against `gazetteerTable` (uprn VARCHAR, address VARCHAR, postcode
 * VARCHAR NULL); `uprn` set only when the decision is `sure`. The product uses
 * the engine of `pipeline/harmonise/address` (Fellegi–Sunter in DuckDB);
 * tests may pass another with the same contract.
 */
export type AddressMatcher = (conn: DuckDBConnection, rawTable: string, gazetteerTable: string, options?: MatchOptions) => Promise<AddressMatch[]>;

/** The product's matcher. */
export const defaultAddressMatcher: AddressMatcher = matchAddresses;
