import { Random } from '../util/Random.js';
import { formatIsoDay, parseIsoDay } from './dayDates.js';
import { LONDON_GEOGRAPHY, MEAN_DWELLINGS_K, type BoroughGeography } from './londonGeography.js';
import { WARD_STEMS, WARD_SUFFIXES } from './nameLists.js';
import { LEGACY_COEFFICIENTS, type HmoCoefficients } from './hmoLikelihood.js';
import type { World } from './worlds/World.js';

export interface Ward {
  readonly code: string;
  readonly name: string;
  /** Added to the HMO log-odds of every private let in the ward (some wards are HMO hot spots). */
  readonly hmoEffect: number;
  readonly easting: number;
  readonly northing: number;
}

export interface LicensingScheme {
  readonly startDay: number;
  /** Share of eligible lets whose landlords applied. */
  readonly uptake: number;
}

/**
 * Everything that makes one synthetic borough differ from another: size,
 * extract date, HMO prevalence, tenure mix, how well each data source covers
 * reality (electoral register, EPC, complaints), licensing schemes, which
 * optional tables it supplies and how dirty its extract is. Drawn from the
 * borough's own random stream, so boroughs are independent of each other.
 */
export interface BoroughProfile {
  readonly code: string;
  readonly name: string;
  readonly geography: BoroughGeography;
  readonly extractDay: number;
  readonly extractDate: string;
  readonly propertyCount: number;
  /** Target share of properties that are HMOs at the extract date. */
  readonly hmoPrevalence: number;
  readonly privateRentedShare: number;
  readonly socialRentedShare: number;
  /** Share of HMOs let to students. */
  readonly studentShare: number;
  /** Multiplies every complaint rate (how readily residents report). */
  readonly complaintReporting: number;
  /** Share of complaints whose address could not be matched to a UPRN. */
  readonly unmatchedComplaintShare: number;
  /** Chance that an adult of a single household registers to vote. */
  readonly electoralCoverage: number;
  /** Chance that an HMO tenant registers to vote. */
  readonly hmoElectoralCoverage: number;
  /** Share of properties with an EPC (habitable rooms, floor area, rating). */
  readonly epcCoverage: number;
  /** Chance that a landlord licenses an HMO that needs a licence. */
  readonly declaredShare: number;
  readonly additionalScheme: LicensingScheme | null;
  readonly selectiveScheme: LicensingScheme | null;
  /** Proactive inspections a year, as a share of private lets. */
  readonly proactiveRate: number;
  /** Chance that an inspection finds no one in. */
  readonly noAccessRate: number;
  readonly hasHousingBenefit: boolean;
  readonly hasComplaints: boolean;
  /** Chance per written row of each data-quality fault. */
  readonly faultRate: number;
  readonly wards: readonly Ward[];
  /** The property-type terms of an HMO's log-odds here (the world's, perhaps shifted for this borough). */
  readonly hmoCoefficients: HmoCoefficients;
}

export interface ProfileOptions {
  readonly code: string;
  readonly name: string;
  readonly scale: number;
  readonly hasHousingBenefit: boolean;
  readonly hasComplaints: boolean;
  readonly world: World;
}

/**
 * The three sample boroughs as they are (rounded): licensing schemes, HMO
 * prevalence, students, and tenure targets (Newham has London's largest
 * private rented sector), so that the sample reads true to life.
 */
const KNOWN_BOROUGHS: Readonly<
  Record<string, { additional: string | null; selective: string | null; prevalence: number; students: number; privateRented: number; socialRented: number }>
> = {
  E09000007: { additional: '2020-12-08', selective: null, prevalence: 0.035, students: 0.35, privateRented: 0.3, socialRented: 0.24 },
  E09000012: { additional: '2018-10-01', selective: '2018-10-01', prevalence: 0.045, students: 0.12, privateRented: 0.3, socialRented: 0.3 },
  E09000025: { additional: '2023-01-01', selective: '2023-01-01', prevalence: 0.06, students: 0.08, privateRented: 0.42, socialRented: 0.2 },
};

const EXTRACT_DATES = ['2026-06-30', '2026-07-31', '2026-08-31', '2026-09-30'];

/**
 * Draws a borough's profile.
 *
 * @example
 *   const profile = drawBoroughProfile(new Random(7).fork('E09000012'), { code: 'E09000012', name: 'Hackney', scale: 1, hasHousingBenefit: true, hasComplaints: true });
 */
export function drawBoroughProfile(rng: Random, options: ProfileOptions): BoroughProfile {
  const geography = LONDON_GEOGRAPHY[options.code];
  if (!geography) throw new Error(`No geography for borough ${options.code}`);
  const known = KNOWN_BOROUGHS[options.code];
  const inner = geography.inner;
  const spread = options.world.boroughs.spread;
  // A normal draw clamped to [lo, hi]; a world's spread widens both the deviation and the bounds about the mean
  // (the lower bound never below lo / spread, so a rate stays positive).
  const vary = (mean: number, sd: number, lo: number, hi: number) =>
    spread === 1
      ? clamp(rng.normal(mean, sd), lo, hi)
      : clamp(rng.normal(mean, sd * spread), Math.max(lo / spread, mean - (mean - lo) * spread), mean + (hi - mean) * spread);
  const extractDate = rng.pick(EXTRACT_DATES);
  const extractDay = parseIsoDay(extractDate);
  const propertyCount = Math.max(20, Math.round(3000 * options.scale * (geography.dwellingsK / MEAN_DWELLINGS_K) * rng.normal(1, 0.03)));
  const hmoPrevalence = known?.prevalence ?? vary(inner ? 0.045 : 0.035, 0.01, 0.022, 0.065);
  const privateRentedShare = known?.privateRented ?? vary(inner ? 0.33 : 0.26, 0.04, 0.18, 0.45);
  const drawnSocial = known?.socialRented ?? vary(inner ? 0.26 : 0.15, 0.05, 0.08, 0.4);
  // Widely spread shares could leave no room for owners: keep at least 15% (the legacy bounds always do).
  const socialRentedShare = spread === 1 ? drawnSocial : Math.min(drawnSocial, 0.85 - privateRentedShare);
  const schemeDay = (iso: string | null, chance: number): LicensingScheme | null => {
    if (known) return iso ? { startDay: parseIsoDay(iso), uptake: rng.uniform() * 0.25 + 0.35 } : null;
    if (!rng.chance(chance)) return null;
    return { startDay: extractDay - rng.int(365, 365 * 8), uptake: rng.uniform() * 0.25 + 0.35 };
  };
  const additionalScheme = schemeDay(known?.additional ?? null, 0.7);
  const selectiveScheme = schemeDay(known?.selective ?? null, 0.4);
  return {
    code: options.code,
    name: options.name,
    geography,
    extractDay,
    extractDate: formatIsoDay(extractDay),
    propertyCount,
    hmoPrevalence,
    privateRentedShare,
    socialRentedShare,
    studentShare: known?.students ?? vary(0.1, 0.06, 0.02, 0.3),
    complaintReporting: vary(1, 0.3, 0.45, 1.7),
    unmatchedComplaintShare: vary(0.045, 0.015, 0.015, 0.08),
    electoralCoverage: Math.min(0.98, vary(0.82, 0.06, 0.65, 0.95)),
    hmoElectoralCoverage: Math.min(0.95, vary(0.42, 0.08, 0.25, 0.6)),
    epcCoverage: Math.min(0.98, vary(0.72, 0.08, 0.5, 0.9)),
    declaredShare: Math.min(0.95, vary(0.36, 0.06, 0.22, 0.5)),
    additionalScheme,
    selectiveScheme,
    proactiveRate: vary(0.004, 0.0015, 0.001, 0.008),
    noAccessRate: vary(0.11, 0.015, 0.08, 0.14),
    hasHousingBenefit: options.hasHousingBenefit,
    hasComplaints: options.hasComplaints,
    faultRate: clamp(rng.normal(0.0015, 0.0005), 0.0006, 0.003),
    wards: drawWards(rng.fork('wards'), options.code, geography),
    hmoCoefficients: boroughCoefficients(options.world, rng.fork('coefficients')),
  };
}

/** The world's property-type coefficients, scaled by its `signal.structure` and shifted for this borough by `boroughs.structureShift`. */
function boroughCoefficients(world: World, rng: Random): HmoCoefficients {
  const scale = world.signal.structure;
  const shift = world.boroughs.structureShift;
  if (scale === 1 && shift === 0) return LEGACY_COEFFICIENTS;
  const term = (value: number) => scale * value + (shift > 0 ? rng.normal(0, shift) : 0);
  return {
    house: term(LEGACY_COEFFICIENTS.house),
    detachedHouse: term(LEGACY_COEFFICIENTS.detachedHouse),
    bungalow: scale * LEGACY_COEFFICIENTS.bungalow,
    convertedFlat: term(LEGACY_COEFFICIENTS.convertedFlat),
    purposeBuiltFlat: scale * LEGACY_COEFFICIENTS.purposeBuiltFlat,
    otherFlat: term(LEGACY_COEFFICIENTS.otherFlat),
    aboveShop: term(LEGACY_COEFFICIENTS.aboveShop),
    rooms: scale * LEGACY_COEFFICIENTS.rooms * (shift > 0 ? Math.exp(rng.normal(0, shift / 2)) : 1),
    tooSmall: scale * LEGACY_COEFFICIENTS.tooSmall,
  };
}

function drawWards(rng: Random, code: string, geography: BoroughGeography): Ward[] {
  const names = geography.wardNames ? [...geography.wardNames] : inventWardNames(rng, code === 'E09000001' ? 6 : rng.int(16, 25));
  return names.map((name, index) => {
    const angle = rng.uniform() * 2 * Math.PI;
    const distance = Math.sqrt(rng.uniform()) * geography.radiusM * 0.75;
    return {
      code: `E05${String(geography.wardCodeBase + index).padStart(6, '0')}`,
      name,
      hmoEffect: rng.normal(0, 0.6),
      easting: Math.round(geography.easting + distance * Math.cos(angle)),
      northing: Math.round(geography.northing + distance * Math.sin(angle)),
    };
  });
}

function inventWardNames(rng: Random, count: number): string[] {
  const names = new Set<string>();
  while (names.size < count) names.add(`${rng.pick(WARD_STEMS)}${rng.pick(WARD_SUFFIXES)}`);
  return [...names].sort();
}

export function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
