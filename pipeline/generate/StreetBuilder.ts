import type { Random } from '../util/Random.js';
import type { BoroughProfile, Ward } from './BoroughProfile.js';
import { BUILDING_NAMES, ESTATE_WORDS, POSTCODE_UNIT_LETTERS, STREET_STEMS, STREET_SUFFIXES } from './nameLists.js';

export type PropertyType = 'house' | 'flat' | 'maisonette' | 'bungalow' | 'other';
export type BuiltForm = 'detached' | 'semi-detached' | 'terraced' | 'end-terrace' | 'purpose-built' | 'converted' | 'unknown';
export type Tenure = 'owner-occupied' | 'private-rented' | 'social-rented';
type StreetKind = 'terrace' | 'estate' | 'new-build' | 'suburban' | 'high-street';

/** What is physically true of one property (before any data source observes it). */
export interface PropertyFacts {
  readonly index: number;
  readonly address: string;
  readonly postcode: string;
  readonly ward: Ward;
  readonly easting: number;
  readonly northing: number;
  readonly type: PropertyType;
  readonly form: BuiltForm;
  readonly rooms: number;
  readonly areaM2: number;
  readonly epcRating: string;
  readonly yearBuilt: number;
  readonly band: string;
  readonly tenure: Tenure;
  /** Above a shop on a high street (a classic spot for unlicensed HMOs). */
  readonly aboveShop: boolean;
}

const POST_TOWNS: Readonly<Record<string, string>> = {
  BR: 'Bromley', CR: 'Croydon', DA: 'Bexleyheath', EN: 'Enfield', HA: 'Harrow', IG: 'Ilford', KT: 'Kingston upon Thames',
  RM: 'Romford', SM: 'Sutton', TW: 'Twickenham', UB: 'Southall',
};

/** Relative tenure weights per kind of street: [owner, private, social] multipliers of the borough's shares. */
const TENURE_FACTORS: Readonly<Record<StreetKind | 'converted', readonly [number, number, number]>> = {
  terrace: [1.4, 1.0, 0.35],
  converted: [0.8, 1.9, 0.8],
  estate: [0.3, 0.45, 3.2],
  'new-build': [1.2, 1.4, 0.5],
  suburban: [1.7, 0.6, 0.3],
  'high-street': [0.5, 2.4, 0.3],
};

/**
 * Builds a borough street by street: a Victorian terrace (some houses
 * converted into flats), a council estate of purpose-built blocks, a
 * new-build development, a suburban street of semis, or flats above shops.
 * Properties on a street share its ward, postcode sector and location, and
 * their physical facts (type, form, rooms, area, age, band) hang together.
 *
 * @example
 *   const builder = new StreetBuilder(profile);
 *   const street = builder.nextStreet(rng); // PropertyFacts[] of one street
 */
export class StreetBuilder {
  private index = 0;
  private readonly usedStreetNames = new Set<string>();

  constructor(private readonly profile: BoroughProfile) {}

  nextStreet(rng: Random): PropertyFacts[] {
    const inner = this.profile.geography.inner;
    const kind = rng.weighted<StreetKind>(
      ['terrace', 'estate', 'new-build', 'suburban', 'high-street'],
      inner ? [0.36, 0.27, 0.15, 0.1, 0.12] : [0.27, 0.13, 0.1, 0.44, 0.06],
    );
    const ward = rng.pick(this.profile.wards);
    const district = rng.pick(this.profile.geography.districts);
    const sector = rng.int(0, 10);
    const postTown = POST_TOWNS[district.slice(0, 2)] ?? 'London';
    const streetName = this.streetName(rng);
    const centreE = ward.easting + rng.normal(0, 500);
    const centreN = ward.northing + rng.normal(0, 500);
    const heading = rng.uniform() * Math.PI;
    let unit = randomUnit(rng);
    let inUnit = 0;
    const place = () => {
      inUnit += 1;
      if (inUnit > 12 + rng.int(0, 10)) {
        unit = randomUnit(rng);
        inUnit = 0;
      }
      const along = rng.normal(0, 120);
      return {
        postcode: `${district} ${sector}${unit}`,
        easting: Math.round(centreE + along * Math.cos(heading) + rng.normal(0, 8)),
        northing: Math.round(centreN + along * Math.sin(heading) + rng.normal(0, 8)),
      };
    };
    const properties: PropertyFacts[] = [];
    // Built as one literal (no spreads), so every PropertyFacts has the same fast shape.
    const add = (facts: { address: string; type: PropertyType; form: BuiltForm; rooms: number; yearBuilt: number; aboveShop: boolean; kindForTenure: StreetKind | 'converted' }) => {
      const areaM2 = Math.max(14, facts.rooms * (facts.type === 'house' || facts.type === 'bungalow' ? 19 : 17) + rng.normal(12, 9));
      const location = place();
      properties.push({
        index: this.index++,
        address: facts.address,
        postcode: location.postcode,
        ward,
        easting: location.easting,
        northing: location.northing,
        type: facts.type,
        form: facts.form,
        rooms: facts.rooms,
        areaM2,
        epcRating: epcFor(rng, facts.yearBuilt),
        yearBuilt: facts.yearBuilt,
        band: bandFor(rng, areaM2, inner),
        tenure: this.tenureFor(rng, facts.kindForTenure),
        aboveShop: facts.aboveShop,
      });
    };
    const address = (prefix: string, number: number) => `${prefix}${number} ${streetName}, ${postTown}`;

    switch (kind) {
      case 'terrace': {
        const houses = rng.int(12, 60);
        const year = rng.int(1860, 1915);
        const converts = inner ? 0.38 : 0.18;
        for (let n = 1; n <= houses; n++) {
          const houseRooms = rng.int(4, 8);
          const houseNumber = n;
          if (rng.chance(converts)) {
            const flats = rng.int(2, 4);
            const labels = flats === 2 ? ['Ground Floor Flat', 'First Floor Flat'] : ['Flat A', 'Flat B', 'Flat C'];
            for (let f = 0; f < flats; f++) {
              add({
                address: `${labels[f] ?? `Flat ${f + 1}`}, ${address('', houseNumber)}`,
                type: f === flats - 1 && flats === 2 && rng.chance(0.4) ? 'maisonette' : 'flat',
                form: 'converted',
                rooms: Math.max(1, Math.round(houseRooms / flats) + rng.int(-1, 2)),
                yearBuilt: year,
                aboveShop: false,
                kindForTenure: 'converted',
              });
            }
          } else {
            const name = rng.chance(0.01) ? `"${rng.pick(['The Laurels', 'Rose Cottage', 'Ivy House', 'The Limes', 'Holly Lodge'])}", ` : '';
            add({
              address: `${name}${address('', houseNumber)}`,
              type: 'house',
              form: n === 1 || n === houses ? 'end-terrace' : 'terraced',
              rooms: houseRooms,
              yearBuilt: year + rng.int(0, 6),
              aboveShop: false,
              kindForTenure: 'terrace',
            });
          }
        }
        break;
      }
      case 'estate': {
        const blocks = rng.int(1, 5);
        const estate = `${rng.pick(STREET_STEMS)} ${rng.pick(ESTATE_WORDS)}`;
        const year = rng.int(1948, 1985);
        for (let b = 0; b < blocks; b++) {
          const block = `${rng.pick(BUILDING_NAMES)} House`;
          const flats = rng.int(12, 60);
          for (let f = 1; f <= flats; f++) {
            const rooms = rng.weighted([1, 2, 3, 4, 5], [0.12, 0.38, 0.32, 0.14, 0.04]);
            add({
              address: `Flat ${f}, ${block}, ${estate}, ${postTown}`,
              type: rooms >= 4 && rng.chance(0.3) ? 'maisonette' : 'flat',
              form: 'purpose-built',
              rooms,
              yearBuilt: year,
              aboveShop: false,
              kindForTenure: 'estate',
            });
          }
        }
        break;
      }
      case 'new-build': {
        const building = `${rng.pick(BUILDING_NAMES)} ${rng.pick(['Court', 'Apartments', 'Point', 'Wharf', 'Lofts'])}`;
        const flats = rng.int(20, 120);
        const year = rng.int(1995, 2025);
        for (let f = 1; f <= flats; f++) {
          const rooms = rng.weighted([1, 2, 3, 4], [0.22, 0.45, 0.26, 0.07]);
          add({ address: `Apartment ${f}, ${building}, ${address('', rng.int(1, 80))}`, type: 'flat', form: 'purpose-built', rooms, yearBuilt: year, aboveShop: false, kindForTenure: 'new-build' });
        }
        break;
      }
      case 'suburban': {
        const houses = rng.int(15, 70);
        const year = rng.int(1920, 1975);
        for (let n = 1; n <= houses; n++) {
          const form = rng.weighted<BuiltForm>(['semi-detached', 'detached', 'terraced', 'end-terrace'], [0.5, 0.15, 0.25, 0.1]);
          const bungalow = rng.chance(inner ? 0.02 : 0.08);
          add({
            address: address('', n),
            type: bungalow ? 'bungalow' : 'house',
            form,
            rooms: bungalow ? rng.int(3, 5) : rng.int(4, form === 'detached' ? 10 : 8),
            yearBuilt: year + rng.int(0, 4),
            aboveShop: false,
            kindForTenure: 'suburban',
          });
        }
        break;
      }
      case 'high-street': {
        const shops = rng.int(8, 40);
        const year = rng.int(1870, 1935);
        for (let n = 1; n <= shops; n++) {
          const units = rng.chance(0.35) ? 2 : 1;
          for (let u = 0; u < units; u++) {
            add({
              address: units === 1 ? `Flat Above, ${address('', n)}` : `${u === 0 ? 'First' : 'Second'} Floor Flat, ${address('', n)}`,
              type: rng.chance(0.1) ? 'other' : 'flat',
              form: rng.weighted<BuiltForm>(['converted', 'unknown', 'terraced'], [0.55, 0.3, 0.15]),
              rooms: rng.int(2, 7),
              yearBuilt: year,
              aboveShop: true,
              kindForTenure: 'high-street',
            });
          }
        }
        break;
      }
    }
    return properties;
  }

  private tenureFor(rng: Random, kind: StreetKind | 'converted'): Tenure {
    const [owner, priv, social] = TENURE_FACTORS[kind];
    const p = this.profile;
    return rng.weighted<Tenure>(
      ['owner-occupied', 'private-rented', 'social-rented'],
      [owner * (1 - p.privateRentedShare - p.socialRentedShare), priv * p.privateRentedShare, social * p.socialRentedShare],
    );
  }

  private streetName(rng: Random): string {
    for (let tries = 0; tries < 20; tries++) {
      const name = `${rng.pick(STREET_STEMS)} ${rng.pick(STREET_SUFFIXES)}`;
      if (!this.usedStreetNames.has(name)) {
        this.usedStreetNames.add(name);
        return name;
      }
    }
    return `${rng.pick(STREET_STEMS)} ${rng.pick(STREET_STEMS)} ${rng.pick(STREET_SUFFIXES)}`;
  }
}

const UNIT_LETTERS = [...POSTCODE_UNIT_LETTERS];

function randomUnit(rng: Random): string {
  return `${rng.pick(UNIT_LETTERS)}${rng.pick(UNIT_LETTERS)}`;
}

function epcFor(rng: Random, yearBuilt: number): string {
  const base = yearBuilt >= 2010 ? 1.2 : yearBuilt >= 1990 ? 2.2 : yearBuilt >= 1950 ? 3.0 : 3.4;
  const index = Math.min(6, Math.max(0, Math.round(rng.normal(base, 0.8))));
  return 'ABCDEFG'[index] as string;
}

function bandFor(rng: Random, areaM2: number, inner: boolean): string {
  const index = Math.min(7, Math.max(0, Math.round(rng.normal(0.6 + areaM2 / 38 + (inner ? 0.7 : 0), 0.8))));
  return 'ABCDEFGH'[index] as string;
}
