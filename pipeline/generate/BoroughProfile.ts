import { Random } from '../util/Random.js';
import { formatIsoDay, parseIsoDay } from './dayDates.js';
import { LONDON_GEOGRAPHY, MEAN_DWELLINGS_K, type BoroughGeography } from './londonGeography.js';
import { WARD_STEMS, WARD_SUFFIXES } from './nameLists.js';

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
}

export interface ProfileOptions {
  readonly code: string;
  readonly name: string;
  readonly scale: number;
  readonly hasHousingBenefit: boolean;
  readonly hasComplaints: boolean;
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
  const extractDate = rng.pick(EXTRACT_DATES);
  const extractDay = parseIsoDay(extractDate);
  const propertyCount = Math.max(20, Math.round(3000 * options.scale * (geography.dwellingsK / MEAN_DWELLINGS_K) * rng.normal(1, 0.03)));
  const hmoPrevalence = known?.prevalence ?? clamp(rng.normal(inner ? 0.045 : 0.035, 0.01), 0.022, 0.065);
  const privateRentedShare = known?.privateRented ?? clamp(rng.normal(inner ? 0.33 : 0.26, 0.04), 0.18, 0.45);
  const socialRentedShare = known?.socialRented ?? clamp(rng.normal(inner ? 0.26 : 0.15, 0.05), 0.08, 0.4);
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
    studentShare: known?.students ?? clamp(rng.normal(0.1, 0.06), 0.02, 0.3),
    complaintReporting: clamp(rng.normal(1, 0.3), 0.45, 1.7),
    unmatchedComplaintShare: clamp(rng.normal(0.045, 0.015), 0.015, 0.08),
    electoralCoverage: clamp(rng.normal(0.82, 0.06), 0.65, 0.95),
    hmoElectoralCoverage: clamp(rng.normal(0.42, 0.08), 0.25, 0.6),
    epcCoverage: clamp(rng.normal(0.72, 0.08), 0.5, 0.9),
    declaredShare: clamp(rng.normal(0.36, 0.06), 0.22, 0.5),
    additionalScheme,
    selectiveScheme,
    proactiveRate: clamp(rng.normal(0.004, 0.0015), 0.001, 0.008),
    noAccessRate: clamp(rng.normal(0.11, 0.015), 0.08, 0.14),
    hasHousingBenefit: options.hasHousingBenefit,
    hasComplaints: options.hasComplaints,
    faultRate: clamp(rng.normal(0.0015, 0.0005), 0.0006, 0.003),
    wards: drawWards(rng.fork('wards'), options.code, geography),
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
