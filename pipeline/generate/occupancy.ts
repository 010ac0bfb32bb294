import { clamp } from './BoroughProfile.js';
import { formatIsoDay } from './dayDates.js';
import type { Row } from './faultCatalogue.js';
import { landlordAlias } from './landlordAlias.js';
import { exponential, YEAR, type LifeContext } from './LifeContext.js';
import type { PropertyFacts } from './StreetBuilder.js';

/*
 * Who lives in a property and what the registers record of them: ordinary
 * households (electors, one council tax account per stay, perhaps a housing
 * benefit claim) and HMO years (a run of tenancies per letting room, the
 * council tax arrangements of a shared house, shared-accommodation-rate claims).
 */

/** One ordinary household's stay: electors, a council tax account, perhaps a housing benefit claim. */
export function writeHousehold(uprn: string, facts: PropertyFacts, start: number, end: number, landlordRef: string, context: LifeContext): void {
  const { rng, profile, refs, tables, counters } = context;
  const E = profile.extractDay;
  const lookAlikes = context.world.signal.lookAlikes;
  const privateLet = facts.tenure === 'private-rented';
  const students = privateLet && facts.type !== 'house' && rng.chance(profile.studentShare * 0.3 * lookAlikes);
  // Two friends sharing a flat: unrelated surnames, yet not an HMO (an HMO needs three people).
  const sharers = !students && privateLet && facts.rooms >= 2 && rng.chance(0.12 * lookAlikes);
  const bigFamily = !students && !sharers && facts.rooms >= 4 && rng.chance(0.07 * lookAlikes);
  const adults = students ? rng.int(1, 3) : sharers ? 2 : bigFamily ? rng.int(3, 7) : rng.weighted([1, 2, 3], [0.36, 0.55, 0.09]);
  const primary = context.surnames.draw(rng);
  const surnames: number[] = [];
  for (let a = 0; a < adults; a++) {
    if (a === 0 || (bigFamily && rng.chance(0.92)) || (!students && !sharers && a >= 2)) surnames.push(primary);
    else surnames.push(students || sharers || rng.chance(0.32) ? context.surnames.draw(rng) : primary);
  }
  // Households differ in whether they register at all, not only person by person.
  const engagement = Math.exp(rng.normal(0, 0.7));
  const coverage = clamp(profile.electoralCoverage * (privateLet ? 0.82 : 1) * (students ? 0.6 : 1) * engagement, 0, 0.98);
  for (const surname of surnames) {
    if (rng.chance(coverage)) writeElector(uprn, surname, start, end, rng.chance(0.12), context);
  }
  // An owner with a lodger or two over the years: more surnames, still not an HMO.
  if (facts.tenure === 'owner-occupied' && facts.rooms >= 4 && rng.chance(0.1 * lookAlikes)) {
    let day = start + rng.int(0, 365);
    while (day < end) {
      const leaves = Math.min(end, day + 120 + Math.floor(exponential(rng, 420)));
      if (rng.chance(coverage * 0.7)) writeElector(uprn, context.surnames.draw(rng), day, leaves, rng.chance(0.2), context);
      day = leaves + rng.int(30, 400);
    }
  }
  const accountStart = start + rng.int(0, 15);
  if (accountStart <= E && accountStart < end) {
    counters.account += 1;
    const liable = rng.chance(0.08) ? '' : String(Math.min(adults, bigFamily ? 2 : adults));
    tables.council_tax.writeClean({
      uprn,
      account_ref: refs.ref('account', counters.account),
      start_date: formatIsoDay(accountStart),
      end_date: end <= E ? formatIsoDay(end - 1) : '',
      single_person_discount: String(!students && (adults === 1 ? rng.chance(0.96) : rng.chance(0.03))),
      student_exemption: String(students),
      liable_persons: liable,
    });
  }
  const claimChance = facts.tenure === 'social-rented' ? 0.5 : privateLet ? (students ? 0.02 : 0.22) : 0.01;
  if (rng.chance(claimChance)) {
    const rent = facts.tenure === 'social-rented' ? rng.normal(125, 20) : rng.normal(180 + 55 * facts.rooms, 50);
    // A young single private tenant is often assessed at the shared-accommodation rate too.
    writeClaim(uprn, start, end, Math.max(40, rent), !students && adults === 1 && privateLet && rng.chance(0.35), landlordRef, context);
  }
}

/** The HMO years: each letting room with its own run of tenancies, and the council tax arrangements of a shared house. */
export function writeHmoYears(uprn: string, from: number, occupants: number, studentLet: boolean, landlordRef: string, context: LifeContext): void {
  const { rng, profile, refs, tables, counters } = context;
  const signal = context.world.signal;
  const E = profile.extractDay;
  // Some HMOs turn over every few months, some keep tenants for years; in some hardly anyone registers to vote.
  // A hidden HMO (cash rents, tenants who keep off every register) leaves almost no trace but complaints.
  const hidden = !studentLet && rng.chance(signal.hiddenShare);
  const meanTenancy = 520 * Math.exp(rng.normal(0, 0.5));
  const coverage = clamp(profile.hmoElectoralCoverage * signal.hmoElectoralCoverage * (studentLet ? 0.7 : 1) * (hidden ? 0.15 : 1) * Math.exp(rng.normal(0, 0.9)), 0.01, 0.9);
  for (let room = 0; room < occupants; room++) {
    let day = from + rng.int(0, 120);
    while (day <= E) {
      let start = day;
      let end: number;
      if (studentLet) {
        start = nextSeptember(day) + rng.int(0, 21);
        end = start + (rng.chance(0.3) ? 2 : 1) * YEAR - rng.int(60, 90);
      } else {
        end = start + 90 + Math.floor(exponential(rng, meanTenancy));
      }
      if (start > E) break;
      const surname = context.surnames.draw(rng);
      if (rng.chance(coverage)) writeElector(uprn, surname, start, end, rng.chance(0.2), context);
      if (rng.chance(0.07) && rng.chance(coverage)) writeElector(uprn, surname, start, end, rng.chance(0.2), context);
      if (!studentLet && rng.chance(hidden ? 0.02 : signal.hmoClaimChance)) {
        writeClaim(uprn, start, end, clamp(rng.normal(150, 22), 85, 260), rng.chance(signal.sharedRateChance), landlordRef, context);
      }
      day = end + rng.int(0, 45);
    }
  }
  const billedToLandlord = hidden || rng.chance(signal.billedToLandlord);
  let day = from;
  while (day <= E) {
    const length = billedToLandlord ? YEAR + Math.floor(exponential(rng, 4 * YEAR)) : 60 + Math.floor(exponential(rng, 300));
    const end = day + length;
    counters.account += 1;
    tables.council_tax.writeClean({
      uprn,
      account_ref: refs.ref('account', counters.account),
      start_date: formatIsoDay(day),
      end_date: end <= E ? formatIsoDay(end - 1) : '',
      single_person_discount: String(billedToLandlord ? rng.chance(0.04) : rng.chance(0.3)),
      student_exemption: String(studentLet && rng.chance(0.9)),
      liable_persons: rng.chance(0.08) ? '' : billedToLandlord ? '1' : String(rng.int(1, Math.min(occupants, 4) + 1)),
    });
    day = end + (billedToLandlord ? 0 : rng.int(0, 20));
  }
}

function writeElector(uprn: string, surname: number, start: number, end: number, staleRecord: boolean, context: LifeContext): void {
  const { rng, profile, refs, tables, counters } = context;
  const E = profile.extractDay;
  const registered = start + rng.int(7, 120);
  if (registered > E) return;
  const removed = end + rng.int(10, 200);
  if (removed < E - 6 * YEAR) return;
  counters.elector += 1;
  tables.electoral_register.writeClean({
    uprn,
    elector_ref: refs.ref('elector', counters.elector),
    surname_key: refs.ref('surname', surname),
    registered_date: formatIsoDay(registered),
    removed_date: removed <= E && !staleRecord ? formatIsoDay(removed) : '',
  });
}

function writeClaim(uprn: string, start: number, end: number, weeklyRent: number, sharedRate: boolean, landlordRef: string, context: LifeContext): void {
  const { rng, profile, refs, tables, counters } = context;
  const E = profile.extractDay;
  const claimStart = start + rng.int(0, Math.max(1, Math.min(365, Math.floor((end - start) / 2))));
  const claimEnd = Math.min(end, claimStart + 30 + Math.floor(exponential(rng, 2 * YEAR)));
  if (claimStart > E || claimEnd < E - 6 * YEAR) return;
  counters.claim += 1;
  const row: Row = {
    uprn,
    claim_ref: refs.ref('claim', counters.claim),
    start_date: formatIsoDay(claimStart),
    end_date: claimEnd <= E ? formatIsoDay(claimEnd) : '',
    weekly_rent: rng.chance(0.05) ? '' : weeklyRent.toFixed(2),
    shared_accommodation_rate: String(sharedRate),
    landlord_ref: landlordRef !== '' && rng.chance(context.world.links.claimLandlordRef) ? landlordAlias(landlordRef, context) : '',
  };
  // Drawn whether or not the borough supplies the table, so that leaving it out changes nothing else.
  tables.housing_benefit?.writeClean(row);
}

function nextSeptember(day: number): number {
  const date = new Date(day * 86_400_000);
  let year = date.getUTCFullYear();
  if (date.getUTCMonth() >= 8) year += 1;
  return Date.UTC(year, 8, 1) / 86_400_000;
}
