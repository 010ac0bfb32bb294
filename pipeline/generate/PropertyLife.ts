import { clamp } from './BoroughProfile.js';
import { formatIsoDay } from './dayDates.js';
import type { Row } from './faultCatalogue.js';
import { hmoLogOdds, sigmoid } from './hmoLikelihood.js';
import { decideOutcomes, type Inspection } from './inspectionOutcomes.js';
import type { Landlord } from './LandlordPool.js';
import { landlordAlias } from './landlordAlias.js';
import { addLicenceChain, MANDATORY_SINCE, type Licence, type Scheme } from './licensing.js';
import { exponential, YEAR, type LifeContext } from './LifeContext.js';
import { writeHmoYears, writeHousehold } from './occupancy.js';
import type { PropertyFacts } from './StreetBuilder.js';

export interface PropertyTruth {
  readonly isHmo: boolean;
  readonly isLicensed: boolean;
}

type Category = 'noise' | 'pests' | 'waste' | 'disrepair' | 'overcrowding' | 'asb' | 'planning' | 'other';

const CATEGORIES: readonly Category[] = ['noise', 'pests', 'waste', 'disrepair', 'overcrowding', 'asb', 'planning', 'other'];
const HMO_CATEGORY_WEIGHTS = [0.24, 0.12, 0.19, 0.12, 0.13, 0.12, 0.04, 0.04];
const HOME_CATEGORY_WEIGHTS = [0.3, 0.08, 0.1, 0.26, 0.02, 0.1, 0.07, 0.07];
/** Chance that a complaint of each category leads to an inspection (officers triage). */
const INSPECT_CHANCE: Readonly<Record<Category, number>> = {
  noise: 0.1, pests: 0.22, waste: 0.12, disrepair: 0.35, overcrowding: 0.6, asb: 0.1, planning: 0.12, other: 0.04,
};

/**
 * Simulates one property over the years before the extract date and writes
 * what each data source would have recorded of it: the property row, its
 * households or HMO tenancies (electoral register, council tax, housing
 * benefit), complaints, licences and inspections. Returns the truth.
 *
 * The latent HMO status comes first; every table then carries a noisy,
 * time-consistent echo of it (churning electors with many surnames, short
 * council tax accounts, single-person discounts in a full house, shared-
 * accommodation-rate claims, noise and waste complaints), blurred by the
 * real world's noise (unregistered tenants, big families, student lets,
 * missing EPCs, complaints at ordinary homes).
 */
export function simulateProperty(uprn: string, facts: PropertyFacts, context: LifeContext): PropertyTruth {
  const { profile, rng } = context;
  const { signal, inspections: inspecting } = context.world;
  const E = profile.extractDay;
  const historyStart = E - 6 * YEAR;

  const isHmo = rng.chance(sigmoid(context.intercept + hmoLogOdds(facts, profile.hmoCoefficients)));
  const hmoSince = isHmo ? (rng.chance(0.7) ? E - rng.int(6 * YEAR, 15 * YEAR) : E - rng.int(180, 5 * YEAR)) : Number.POSITIVE_INFINITY;
  const hmoAt = (day: number) => day >= hmoSince;
  const studentLet = isHmo && rng.chance(profile.studentShare);
  const occupants = isHmo ? clamp(facts.rooms - (rng.chance(0.5) ? 1 : 0) + (rng.chance(0.25) ? 1 : 0), 3, 12) : 0;

  const landlord: Landlord | undefined = facts.tenure === 'private-rented' ? context.landlords.forLet(rng, isHmo) : undefined;
  const landlordRef = landlord
    ? context.refs.ref('landlord', landlord.id)
    : facts.tenure === 'social-rented' && rng.chance(0.75)
      ? context.refs.ref('landlord', rng.pick(context.housingAssociations))
      : '';

  writePropertyRow(uprn, facts, isHmo, landlordRef, context);

  // Households before the property became an HMO (or throughout, for other homes).
  // Private lets differ a lot in churn (one-year lets to long family tenancies): a per-property factor.
  const churn = facts.tenure === 'private-rented' ? Math.exp(rng.normal(0, 0.8)) : 1;
  const meanStay = facts.tenure === 'owner-occupied' ? 11 * YEAR : facts.tenure === 'social-rented' ? 9 * YEAR : (2.8 * YEAR) / churn;
  const householdsUntil = isHmo ? hmoSince : E + 1;
  let day = historyStart - Math.floor(rng.uniform() * meanStay);
  while (day < householdsUntil) {
    const end = Math.min(householdsUntil, day + 90 + Math.floor(exponential(rng, meanStay)));
    if (end > historyStart) writeHousehold(uprn, facts, day, end, landlordRef, context);
    day = end + (facts.tenure === 'private-rented' ? rng.int(0, 90) : rng.int(0, 30));
  }
  if (isHmo) writeHmoYears(uprn, Math.max(hmoSince, historyStart - rng.int(0, 500)), occupants, studentLet, landlordRef, context);

  // Complaints over the last five years: far more often at HMOs, but never only there.
  const complaintsFrom = E - 5 * YEAR;
  const complaints: Array<{ day: number; category: Category }> = [];
  const seen = new Set<string>();
  const addComplaints = (from: number, to: number, perYear: number, weights: readonly number[]) => {
    if (to <= from) return;
    const count = rng.poisson(perYear * profile.complaintReporting * ((to - from) / YEAR));
    for (let i = 0; i < count; i++) {
      const when = from + rng.int(0, to - from);
      const category = rng.weighted(CATEGORIES, weights);
      const key = `${when}/${category}`;
      if (!seen.has(key)) {
        seen.add(key);
        complaints.push({ day: when, category });
      }
    }
  };
  const homeRate = (facts.tenure === 'owner-occupied' ? 0.025 : facts.tenure === 'social-rented' ? 0.07 : 0.06) + (facts.aboveShop ? 0.04 : 0);
  addComplaints(complaintsFrom, Math.min(hmoSince, E + 1), homeRate, HOME_CATEGORY_WEIGHTS);
  if (isHmo) addComplaints(Math.max(complaintsFrom, hmoSince), E + 1, ((studentLet ? 0.22 : 0.12) + 0.03 * occupants) * signal.hmoComplaints, HMO_CATEGORY_WEIGHTS);
  complaints.sort((a, b) => a.day - b.day || a.category.localeCompare(b.category));
  for (const complaint of complaints) {
    const row = { uprn, received_date: formatIsoDay(complaint.day), category: complaint.category };
    const addressUnmatched = rng.chance(profile.unmatchedComplaintShare);
    if (!context.tables.complaints) continue;
    if (addressUnmatched) context.tables.complaints.writeFaulty({ ...row, uprn: '' }, 'null_uprn');
    else context.tables.complaints.writeClean(row);
  }

  // Inspections: mostly after complaints (so labels lean towards complained-about homes), some proactive.
  const inspectFrom = E - 4 * YEAR;
  const inspections: Inspection[] = [];
  for (const complaint of complaints) {
    if (!rng.chance(INSPECT_CHANCE[complaint.category] * (hmoAt(complaint.day) ? inspecting.hmoFollowUpBoost : 1) * inspecting.complaintFollowUp)) continue;
    const when = complaint.day + rng.int(3, 60);
    if (when < inspectFrom || when > E) continue;
    if (inspections.some((i) => i.day <= when && when - i.day < 90)) continue;
    inspections.push({ day: when, trigger: 'complaint' });
  }
  const proactiveWeight =
    (facts.tenure === 'private-rented' ? 1 : 0.08) *
    Math.exp(inspecting.proactiveTargeting * facts.ward.hmoEffect) *
    (facts.type === 'house' || facts.form === 'converted' ? 1.4 : 1);
  const proactive = rng.poisson(profile.proactiveRate * inspecting.proactiveRate * 4 * proactiveWeight);
  for (let i = 0; i < proactive; i++) inspections.push({ day: inspectFrom + rng.int(0, E - inspectFrom + 1), trigger: 'proactive' });

  // Licences: declared HMOs licensed (and renewed, or left to lapse), selective licences on ordinary lets.
  const licences: Licence[] = [];
  const hmoScheme: Scheme | null = !isHmo
    ? null
    : occupants >= 5
      ? 'mandatory-hmo'
      : profile.additionalScheme
        ? 'additional-hmo'
        : null;
  const schemeStart = hmoScheme === 'mandatory-hmo' ? MANDATORY_SINCE : (profile.additionalScheme?.startDay ?? E);
  const declareChance = landlord
    ? clamp(profile.declaredShare + (landlord.compliance - 0.5) * 0.8 + (hmoScheme === 'mandatory-hmo' ? 0.05 : -0.05), 0.05, 0.95)
    : profile.declaredShare * 0.6;
  const hmoCapacity = () => ({
    maxOccupants: rng.chance(0.05) ? null : occupants + (rng.chance(0.3) ? 1 : 0),
    maxHouseholds: rng.chance(0.05) ? null : Math.max(1, occupants - (rng.chance(0.2) ? 1 : 0)),
  });
  if (hmoScheme && rng.chance(declareChance)) {
    addLicenceChain(licences, hmoScheme, Math.max(hmoSince, schemeStart) + rng.int(30, 540), E, rng, hmoCapacity);
  }
  const selective = profile.selectiveScheme;
  if (selective && facts.tenure === 'private-rented' && licences.length === 0) {
    const chance = isHmo ? 0.2 : selective.uptake;
    if (rng.chance(chance)) {
      addLicenceChain(licences, 'selective', selective.startDay + rng.int(0, 400), E, rng, () => ({
        maxOccupants: rng.chance(0.1) ? null : rng.int(2, 7),
        maxHouseholds: rng.chance(0.1) ? null : 1,
      }));
    }
  }

  // Outcomes in date order; a found, unlicensed HMO is often made to apply.
  const outcomes = decideOutcomes(inspections, hmoAt, E, rng, profile.noAccessRate, inspecting.outcomeError);
  if (hmoScheme) {
    for (const inspection of outcomes) {
      if (inspection.outcome !== 'hmo') continue;
      if (licences.some((l) => l.scheme !== 'selective' && l.start <= inspection.day && inspection.day <= l.end)) continue;
      if (rng.chance(0.35)) addLicenceChain(licences, hmoScheme, inspection.day + rng.int(30, 150), E, rng, hmoCapacity);
      break;
    }
  }
  const applications: Inspection[] = [];
  for (const licence of licences) {
    const chance = licence.scheme === 'selective' ? 0.08 : licence.first ? 0.8 : 0.3;
    const when = licence.start - rng.int(0, 45);
    if (when >= inspectFrom && when <= E && rng.chance(chance)) applications.push({ day: when, trigger: 'licence-application' });
  }
  const allOutcomes = [...outcomes, ...decideOutcomes(applications, hmoAt, E, rng, profile.noAccessRate * 0.5, inspecting.outcomeError)];
  const usedDays = new Set<number>();
  allOutcomes.sort((a, b) => a.day - b.day || a.trigger.localeCompare(b.trigger));
  for (const inspection of allOutcomes) {
    let when = inspection.day;
    while (usedDays.has(when)) when += 1;
    if (when > E) continue;
    usedDays.add(when);
    context.tables.inspections.writeClean({ uprn, inspection_date: formatIsoDay(when), outcome: inspection.outcome, trigger: inspection.trigger });
  }

  licences.sort((a, b) => a.start - b.start);
  for (const licence of licences) {
    if (licence.end < E - 8 * YEAR) continue;
    context.counters.licence += 1;
    const prefix = licence.scheme === 'mandatory-hmo' ? 'HMO' : licence.scheme === 'additional-hmo' ? 'AHL' : 'SL';
    const ref = `${prefix}/${formatIsoDay(licence.start).slice(0, 4)}/${String(context.counters.licence).padStart(5, '0')}`;
    context.tables.licences.writeClean({
      uprn,
      licence_ref: rng.chance(0.002) ? `=${ref}` : ref,
      scheme: licence.scheme,
      start_date: formatIsoDay(licence.start),
      end_date: formatIsoDay(licence.end),
      max_occupants: licence.maxOccupants === null ? '' : String(licence.maxOccupants),
      max_households: licence.maxHouseholds === null ? '' : String(licence.maxHouseholds),
    });
  }
  const isLicensed = licences.some((l) => l.scheme !== 'selective' && l.start <= E && E <= l.end);
  return { isHmo, isLicensed };
}

function writePropertyRow(uprn: string, facts: PropertyFacts, isHmo: boolean, landlordRef: string, context: LifeContext): void {
  const { rng, profile } = context;
  const recordedTenure =
    facts.tenure === 'private-rented'
      ? rng.weighted(['private-rented', 'unknown', 'owner-occupied'], context.world.signal.privateTenureRecorded)
      : facts.tenure === 'owner-occupied'
        ? rng.weighted(['owner-occupied', 'unknown', 'private-rented'], [0.93, 0.05, 0.02])
        : rng.weighted(['social-rented', 'unknown'], [0.95, 0.05]);
  const known = context.world.links.landlordRefKnown;
  const knownLandlord = facts.tenure === 'private-rented' ? rng.chance((recordedTenure === 'private-rented' ? 0.7 : 0.3) * known) : rng.chance(0.9 * known);
  const hasEpc = rng.chance(profile.epcCoverage);
  // An EPC often predates an HMO conversion, so it may count a room fewer.
  const epcRooms = facts.rooms + (rng.chance(0.12) ? rng.pick([-1, 1]) : 0) - (isHmo && rng.chance(0.2) ? 1 : 0);
  const oddPrefix = rng.chance(0.0015) ? rng.pick(['-', '=', '- ']) : '';
  const row: Row = {
    uprn,
    address: `${oddPrefix}${facts.address}`,
    postcode: facts.postcode,
    ward_code: facts.ward.code,
    ward_name: rng.chance(0.01) ? '' : facts.ward.name,
    easting: rng.chance(0.01) ? '' : String(facts.easting),
    northing: '',
    property_type: facts.type,
    built_form: rng.chance(0.05) ? '' : rng.chance(0.05) ? 'unknown' : facts.form,
    habitable_rooms: hasEpc && !rng.chance(0.04) ? String(Math.max(0, epcRooms)) : '',
    floor_area_m2: hasEpc && !rng.chance(0.04) ? String(Math.round(facts.areaM2 * 10) / 10) : '',
    epc_rating: hasEpc && !rng.chance(0.03) ? facts.epcRating : '',
    year_built: rng.chance(0.25) ? '' : String(facts.yearBuilt),
    council_tax_band: facts.band,
    tenure: recordedTenure,
    landlord_ref: knownLandlord ? landlordAlias(landlordRef, context) : '',
  };
  row.northing = row.easting === '' ? '' : String(facts.northing);
  context.tables.properties.writeClean(row);
}

