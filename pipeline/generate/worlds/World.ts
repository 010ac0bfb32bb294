import type { TableName } from '../../standard/schema.js';

/**
 * A synthetic world: how HMOs show in a borough's records, how councils
 * choose what to inspect, what each borough supplies, how much boroughs
 * differ and how cleanly records link to properties and landlords. The
 * generator's simulation is the same for every world; a world only sets its
 * knobs. A world is plain data (it crosses to worker threads as it is), is
 * registered by one line in `registry.ts`, and is chosen with
 * `hmo generate --world NAME`.
 *
 * Every knob documents its value in the `legacy` world (the generator as it
 * was before worlds existed): `legacy` must regenerate the committed sample
 * byte for byte, so a knob at its legacy value must change no draw of the
 * random streams.
 *
 * @example
 *   const world: World = { ...calibratedWorld, name: 'mine', links: { ...calibratedWorld.links, misaddressedShare: 0.1 } };
 *   await generateDrop({ out: '/tmp/mine', world });
 */
export interface World {
  /** Lower-case words joined by hyphens; what `--world` takes. */
  readonly name: string;
  /** One sentence: what is special about this world (shown by `hmo generate --help` and in docs/generator.md). */
  readonly summary: string;
  readonly signal: SignalKnobs;
  readonly inspections: InspectionKnobs;
  readonly supply: SupplyKnobs;
  readonly boroughs: BoroughKnobs;
  readonly links: LinkKnobs;
}

/** Which records carry the HMO signal, and how strongly. */
export interface SignalKnobs {
  /**
   * Multiplies the property-type part of an HMO's log-odds (type, built
   * form, rooms, above a shop): how much the building itself says. Legacy 1.
   */
  readonly structure: number;
  /** Share of non-student HMOs whose tenants keep off every register (cash rents). Legacy 0.25. */
  readonly hiddenShare: number;
  /** Multiplies the chance that an HMO tenant registers to vote. Legacy 1. */
  readonly hmoElectoralCoverage: number;
  /** Share of HMOs whose council tax is billed to the landlord in long accounts (no churn shows). Legacy 0.4. */
  readonly billedToLandlord: number;
  /** Chance that an HMO tenancy (not hidden) has a housing benefit claim. Legacy 0.15. */
  readonly hmoClaimChance: number;
  /** Chance that such a claim is at the shared-accommodation rate. Legacy 0.7. */
  readonly sharedRateChance: number;
  /** Multiplies the extra complaints an HMO draws (noise, waste, overcrowding). Legacy 1. */
  readonly hmoComplaints: number;
  /**
   * Multiplies how often ordinary homes look like HMOs in the registers:
   * two sharers, big families, owners with lodgers, student pairs. Legacy 1.
   */
  readonly lookAlikes: number;
  /** How a private let's tenure is recorded: weights of private-rented, unknown, owner-occupied. Legacy [0.82, 0.1, 0.08]. */
  readonly privateTenureRecorded: readonly [number, number, number];
}

/** How councils choose what to inspect, and how reliable the outcome is. */
export interface InspectionKnobs {
  /** Multiplies the chance that a complaint leads to an inspection (per category, officers triage). Legacy 1. */
  readonly complaintFollowUp: number;
  /** How much more often a complaint about an HMO is followed up (officers can tell). Legacy 1.6. */
  readonly hmoFollowUpBoost: number;
  /** Multiplies the borough's proactive inspection rate. Legacy 1. */
  readonly proactiveRate: number;
  /**
   * How strongly proactive visits aim at HMO hot-spot wards: the exponent
   * on the ward's HMO effect (visits always favour private lets, and houses
   * and converted flats 1.4x); 0 ignores the ward. Legacy 0.8.
   */
  readonly proactiveTargeting: number;
  /** Chance that an inspection's recorded outcome is the wrong one. Legacy 0.01. */
  readonly outcomeError: number;
}

/** What each borough supplies. */
export interface SupplyKnobs {
  /**
   * Which boroughs supply no housing_benefit.csv when the caller does not
   * say: `legacy` (Newham, or the last borough, when 2+ boroughs), `all`
   * (every borough leaves it out), `none`, or a share of boroughs (each
   * borough's own coin, so independent of which others are generated).
   */
  readonly withoutHousingBenefit: Omission;
  /** Likewise for complaints.csv; `legacy` is the first borough by code when 5+ boroughs. */
  readonly withoutComplaints: Omission;
  /**
   * Optional columns left out of the header (the standard allows it), per
   * table, in a share of boroughs (each borough's own coin; 1 = all).
   * Legacy: none.
   */
  readonly missingColumns: readonly MissingColumns[];
}

export type Omission = 'legacy' | 'all' | 'none' | { readonly share: number };

export interface MissingColumns {
  readonly table: TableName;
  readonly columns: readonly string[];
  /** Share of boroughs that leave these columns out (1 = every borough). */
  readonly share: number;
}

/** How much boroughs differ from each other. */
export interface BoroughKnobs {
  /**
   * Multiplies the spread of every borough-level draw (prevalence outside
   * the three known boroughs, tenure mix, register coverage, complaint
   * reporting, proactive rate, licensing uptake), and widens its bounds
   * alike. Legacy 1.
   */
  readonly spread: number;
  /**
   * Standard deviation of a per-borough shift of the property-type
   * log-odds coefficients (houses, converted flats, flats above shops,
   * rooms): in one borough HMOs are big houses, in another flats above
   * shops. Legacy 0.
   */
  readonly structureShift: number;
}

/** How noisy the links between records are. */
export interface LinkKnobs {
  /**
   * Share of register rows (electors, council tax accounts, housing benefit
   * claims, complaints) recorded against the neighbouring property's UPRN
   * (an address matched to the wrong flat or house). Legacy 0.
   */
  readonly misaddressedShare: number;
  /** Multiplies the chance that properties.csv knows a let's landlord_ref. Legacy 1. */
  readonly landlordRefKnown: number;
  /** Chance that a housing benefit claim names the landlord_ref. Legacy 0.85. */
  readonly claimLandlordRef: number;
  /**
   * Share of rows whose landlord_ref is one of the landlord's aliases (a
   * company, a managing agent: another ref for the same landlord), so a
   * portfolio splits across refs. Legacy 0.
   */
  readonly landlordAliasShare: number;
}
