import { Random } from '../../util/Random.js';
import { loadSchema, type TableName } from '../../standard/schema.js';
import { defaultOmissions } from '../boroughSelection.js';
import type { Omission, World } from './World.js';

/**
 * Which boroughs leave out each optional table when the caller does not
 * say, by the world's `supply`: the legacy rule (`defaultOmissions`), all,
 * none, or each borough's own coin (`new Random(seed).fork(code)` and a
 * sub-fork, so a borough's choice does not depend on which others are
 * generated).
 *
 * @example
 *   worldOmissions(legacyWorld, ['E09000007', 'E09000012', 'E09000025'], 20260930);
 *   // { withoutHousingBenefit: ['E09000025'], withoutComplaints: [] }
 */
export function worldOmissions(world: World, codes: readonly string[], seed: number): { withoutHousingBenefit: string[]; withoutComplaints: string[] } {
  const legacy = defaultOmissions(codes);
  const resolve = (omission: Omission, table: string, legacyChoice: string[]): string[] => {
    if (omission === 'legacy') return legacyChoice;
    if (omission === 'all') return [...codes].sort();
    if (omission === 'none') return [];
    return [...codes].sort().filter((code) => new Random(seed).fork(code).fork(`supply/${table}`).chance(omission.share));
  };
  return {
    withoutHousingBenefit: resolve(world.supply.withoutHousingBenefit, 'housing_benefit', legacy.withoutHousingBenefit),
    withoutComplaints: resolve(world.supply.withoutComplaints, 'complaints', legacy.withoutComplaints),
  };
}

/**
 * The optional columns one borough leaves out of its headers, per table:
 * each of the world's `supply.missingColumns` entries applies with its
 * share, by a coin of the borough's own stream. Throws when an entry names
 * a required column or one the table does not have.
 *
 * @example
 *   missingColumnsOf(world, rng.fork('supply/columns')).get('properties'); // Set { 'habitable_rooms', ... }
 */
export function missingColumnsOf(world: World, rng: Random): Map<TableName, Set<string>> {
  const schema = loadSchema();
  const missing = new Map<TableName, Set<string>>();
  for (const entry of world.supply.missingColumns) {
    const table = schema.tables.find((t) => t.name === entry.table);
    if (!table) throw new Error(`World ${world.name}: supply.missingColumns names table "${entry.table}", which the standard does not have`);
    for (const column of entry.columns) {
      const spec = table.columns.find((c) => c.name === column);
      if (!spec) throw new Error(`World ${world.name}: supply.missingColumns names ${entry.table}.${column}, which the standard does not have`);
      if (spec.required) throw new Error(`World ${world.name}: supply.missingColumns names ${entry.table}.${column}, a required column (only optional ones may be left out)`);
    }
    if (entry.share >= 1 || rng.chance(entry.share)) {
      const set = missing.get(entry.table) ?? new Set<string>();
      for (const column of entry.columns) set.add(column);
      missing.set(entry.table, set);
    }
  }
  return missing;
}
