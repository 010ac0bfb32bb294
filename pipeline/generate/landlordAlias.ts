import type { LifeContext } from './LifeContext.js';

/** How many other refs (companies, managing agents) one landlord may be recorded under. */
const ALIASES = 3;

/**
 * The landlord_ref to write on one row: the landlord's own ref, or, with the
 * world's `links.landlordAliasShare`, one of its aliases (the same landlord
 * under a company's or an agent's ref), so a portfolio splits across refs as
 * it does in real registers. Draws nothing when the share is 0 (legacy).
 *
 * @example
 *   row.landlord_ref = landlordAlias(landlordRef, context);
 */
export function landlordAlias(landlordRef: string, context: LifeContext): string {
  const share = context.world.links.landlordAliasShare;
  if (landlordRef === '' || share <= 0 || !context.linkRng.chance(share)) return landlordRef;
  const alias = 1 + context.linkRng.int(0, ALIASES);
  // An id far above the pool's counters, a function of the landlord's ref and the alias number.
  const id = ((Number.parseInt(landlordRef.slice(0, 7), 16) * (ALIASES + 1) + alias) % 0x7fffffff) | 0x40000000;
  return context.refs.ref('landlord', id);
}
