/** Messages of address-to-UPRN matching (`pipeline/harmonise/address`). */
export const harmoniseAddressMessages = {
  noGazetteer: (table: string) =>
    `No gazetteer to match addresses against: table "${table}" does not exist. Give the borough's properties.csv (uprn, address, postcode) with --gazetteer.`,
  emptyGazetteer: (table: string) =>
    `The gazetteer "${table}" has no rows with a UPRN and an address, so no address can be matched. Give the borough's properties.csv (uprn, address, postcode) with --gazetteer.`,
  missingTable: (role: string, table: string) => `The ${role} table "${table}" does not exist.`,
  missingColumns: (role: string, table: string, missing: readonly string[], expected: readonly string[]) =>
    `The ${role} table "${table}" lacks column${missing.length === 1 ? '' : 's'} ${missing.map((c) => `"${c}"`).join(', ')} ` +
    `(expected ${expected.map((c) => `"${c}"`).join(', ')}).`,
  badThresholds: (sure: number, review: number) =>
    `Match thresholds must satisfy 0 <= review (${review}) <= sure (${sure}) <= 1.`,
  duplicateKeys: (table: string, key: string) => `The raw table "${table}" has key ${key} more than once; every raw row needs its own key.`,
  badTableName: (name: string) => `"${name}" is not a plain table name (letters, digits, underscores, optionally schema-qualified).`,
} as const;
