import { Random } from '../../util/Random.js';

/** A gazetteer entry to write messily. */
export interface GazetteerEntry {
  readonly uprn: string;
  readonly address: string;
  readonly postcode: string | null;
}

/** One messy raw row, with the truth of which property it is. */
export interface MessyAddress {
  readonly key: number;
  readonly address: string;
  readonly postcode: string | null;
  readonly uprn: string;
  /** The forms applied, for reports (`no-commas`, `cut-postcode`...). */
  readonly forms: readonly string[];
}

export interface MessyOptions {
  readonly seed: number;
  /** Borough or locality words a council might add before "London" (default: none). */
  readonly localities?: readonly string[];
  /** Probability of each form (defaults below: the mix of the published registers looked at in issue 14). */
  readonly rates?: Partial<Record<MessyForm, number>>;
}

export type MessyForm =
  | 'upper-case'
  | 'comma-after-number'
  | 'no-commas'
  | 'floor-words'
  | 'flat-letter-swap'
  | 'flat-word'
  | 'locality'
  | 'typo'
  | 'leaked-status'
  | 'premises-name'
  | 'trailing-full-stop'
  | 'abbreviation'
  | 'postcode-column-only'
  | 'postcode-both'
  | 'postcode-missing'
  | 'postcode-cut'
  | 'postcode-contradicts';

const DEFAULT_RATES: Record<MessyForm, number> = {
  'upper-case': 0.2,
  'comma-after-number': 0.15,
  'no-commas': 0.15,
  'floor-words': 0.5,
  'flat-letter-swap': 0.5,
  'flat-word': 0.4,
  locality: 0.3,
  typo: 0.08,
  'leaked-status': 0.03,
  'premises-name': 0.03,
  'trailing-full-stop': 0.1,
  abbreviation: 0.3,
  'postcode-column-only': 0.25,
  'postcode-both': 0.2,
  'postcode-missing': 0.06,
  'postcode-cut': 0.03,
  'postcode-contradicts': 0.03,
};

const STATUS_TEXT = ['TEMPORARY EXEMPTION', 'LICENCE GRANTED', 'PENDING', 'Application received'];
const PREMISES_NAMES = ['The Old Bakery', 'Rose Villa', 'Kings Arms', 'Elm Lodge', 'Victoria Mansions'];
const ABBREVIATIONS: readonly (readonly [RegExp, string])[] = [
  [/\bRoad\b/, 'Rd'], [/\bStreet\b/, 'St'], [/\bAvenue\b/, 'Ave'], [/\bGardens\b/, 'Gdns'], [/\bSquare\b/, 'Sq'],
  [/\bCrescent\b/, 'Cres'], [/\bTerrace\b/, 'Terr'], [/\bPlace\b/, 'Pl'], [/\bLane\b/, 'Ln'], [/\bCourt\b/, 'Ct'],
];
const FLOOR_WORDS: readonly (readonly [RegExp, readonly string[]])[] = [
  [/^Ground Floor Flat\b/i, ['GFF', 'Grd Flr Flat', 'Ground Flr Flat', 'Gnd Floor Flat', 'Ground floor flat']],
  [/^First Floor Flat\b/i, ['1st Floor Flat', 'FFF', '1st Flr Flat', 'First Flr Flat']],
  [/^Second Floor Flat\b/i, ['2nd Floor Flat', 'SFF', '2nd Flr Flat']],
  [/^Lower Ground Floor Flat\b/i, ['LGF Flat', 'Lower Grd Floor Flat']],
  [/^Mezzanine Floor Flat\b/i, ['Mezzzanine Floor Flat', 'Mezz Floor Flat']],
];

/**
 * Writes gazetteer addresses the way councils' registers write them (issue
 * 14's list: a comma after the number, no commas, upper case, floor words and
 * their abbreviations, "13A" for "Flat A, 13", flat words, locality words,
 * typos, a status leaked after a newline, a premises name, a trailing full
 * stop, the postcode in the address, its own column, both, neither, cut short
 * or contradicting), each row with the UPRN it truly is. Seeded: same input
 * and seed, same rows.
 *
 * @example
 *   const rows = messyAddressVariants([{ uprn: '1', address: 'Flat A, 13 Deptford High Street, London', postcode: 'SE8 4AD' }], { seed: 1 });
 *   // [{ key: 1, address: '13A DEPTFORD HIGH ST, LONDON', postcode: 'SE8 4AD', uprn: '1', forms: [...] }]
 */
export function messyAddressVariants(entries: readonly GazetteerEntry[], options: MessyOptions): MessyAddress[] {
  const rates = { ...DEFAULT_RATES, ...options.rates };
  const rng = new Random(options.seed).fork('messy-addresses');
  const postcodesByDistrict = new Map<string, string[]>();
  for (const e of entries) {
    if (e.postcode === null) continue;
    const district = e.postcode.split(' ')[0] ?? '';
    const list = postcodesByDistrict.get(district) ?? [];
    list.push(e.postcode);
    postcodesByDistrict.set(district, list);
  }
  return entries.map((entry, index) => {
    const forms: string[] = [];
    const use = (form: MessyForm) => {
      const yes = rng.chance(rates[form]);
      if (yes) forms.push(form);
      return yes;
    };
    let parts = entry.address.split(/\s*,\s*/);
    // Sub-building words.
    if (use('floor-words')) {
      const first = parts[0] ?? '';
      const rule = FLOOR_WORDS.find(([re]) => re.test(first));
      if (rule) parts[0] = first.replace(rule[0], rng.pick(rule[1]));
      else forms.pop();
    }
    if (use('flat-word')) {
      const first = parts[0] ?? '';
      if (/^(Flat|Apartment)\s+\S+$/i.test(first)) parts[0] = first.replace(/^(Flat|Apartment)/i, rng.pick(['Flat', 'Apt', 'Apartment', 'Flat No.', 'Unit']));
      else forms.pop();
    }
    if (use('flat-letter-swap')) {
      const flat = /^Flat\s+([A-Z])$/i.exec(parts[0] ?? '');
      const numbered = /^(\d+)\s+(.*)$/.exec(parts[1] ?? '');
      const numberedFlat = /^(?:Flat|Apartment)\s+(\d+)$/i.exec(parts[0] ?? '');
      if (flat && numbered) {
        // "Flat A, 13 High Street" -> "13A High Street" or "Flat A 13, High Street".
        parts = rng.chance(0.5)
          ? [`${numbered[1]}${flat[1]} ${numbered[2]}`, ...parts.slice(2)]
          : [`Flat ${flat[1]} ${numbered[1]}`, numbered[2] ?? '', ...parts.slice(2)];
      } else if (numberedFlat && numbered) {
        // "Flat 1, 3 Henry Road" -> "Flat 1 3, Henry Road" or "1 Flat 3 Henry Road" is not written; "Flat 1/3" neither.
        parts = [`Flat ${numberedFlat[1]} ${numbered[1]}`, numbered[2] ?? '', ...parts.slice(2)];
      } else if (numberedFlat && parts.length >= 3 && !/\d/.test(parts[1] ?? '')) {
        // "Flat 1, Ash House, ..." -> "1 Ash House, ..."
        parts = [`${numberedFlat[1]} ${parts[1]}`, ...parts.slice(2)];
      } else forms.pop();
    }
    if (use('premises-name')) {
      if (/^"/.test(parts[0] ?? '')) parts = parts.slice(1);
      else if (/^\d/.test(parts[0] ?? '')) parts = [rng.pick(PREMISES_NAMES), ...parts];
      else forms.pop();
    }
    if (use('comma-after-number')) {
      const i = parts.findIndex((p) => /^(?:.*\s)?\d+[A-Za-z]?\s+\D/.test(p));
      const part = parts[i];
      if (part !== undefined) parts.splice(i, 1, ...part.replace(/^(.*?\d+[A-Za-z]?)\s+(\D.*)$/, '$1\u0000$2').split('\u0000'));
      else forms.pop();
    }
    if (use('typo')) {
      const i = parts.findIndex((p) => /^\d+[A-Za-z]?\s+[A-Za-z]{5,}/.test(p));
      const part = parts[i];
      if (part !== undefined) parts[i] = typo(part, rng);
      else forms.pop();
    }
    if (use('abbreviation')) {
      const rule = ABBREVIATIONS.find(([re]) => parts.some((p) => re.test(p)));
      if (rule) parts = parts.map((p) => p.replace(rule[0], rule[1]));
      else forms.pop();
    }
    if (use('locality') && options.localities && options.localities.length > 0) {
      const last = parts.length - 1;
      if (/^London$/i.test(parts[last] ?? '')) parts.splice(last, 0, rng.pick(options.localities));
      else forms.pop();
    }
    // The postcode: where it is written, and how well.
    let postcodeColumn: string | null = null;
    let postcodeInText: string | null = null;
    const pc = entry.postcode;
    if (pc !== null) {
      if (use('postcode-missing')) {
        // neither
      } else if (use('postcode-cut')) {
        parts.push(rng.chance(0.5) ? (pc.match(/^[A-Z]+/)?.[0] ?? pc) : (pc.split(' ')[0] ?? pc));
      } else if (use('postcode-contradicts')) {
        const others = (postcodesByDistrict.get(pc.split(' ')[0] ?? '') ?? []).filter((o) => o !== pc);
        const other = others.length > 0 ? rng.pick(others) : null;
        if (other === null) {
          forms.pop();
          postcodeInText = pc;
        } else if (rng.chance(0.5)) {
          postcodeInText = pc;
          postcodeColumn = other;
        } else {
          postcodeInText = other;
          postcodeColumn = pc;
        }
      } else if (use('postcode-column-only')) postcodeColumn = pc;
      else if (use('postcode-both')) {
        postcodeColumn = pc;
        postcodeInText = pc;
      } else postcodeInText = pc;
    }
    if (postcodeInText !== null) parts.push(rng.chance(0.05) ? postcodeInText.replace(' ', '') : postcodeInText);
    let address = use('no-commas') ? parts.join(' ') : parts.join(', ');
    if (use('upper-case')) address = address.toUpperCase();
    if (use('trailing-full-stop')) address += '.';
    if (use('leaked-status')) address += `\n${' '.repeat(rng.int(4, 36))}${rng.pick(STATUS_TEXT)}`;
    return { key: index + 1, address, postcode: postcodeColumn, uprn: entry.uprn, forms };
  });
}

/** One slip of the hand in the street word of "12 Street Name": two letters swapped, one dropped or doubled. */
function typo(part: string, rng: Random): string {
  const match = /^(\d+[A-Za-z]?\s+)([A-Za-z]{5,})(.*)$/.exec(part);
  if (!match) return part;
  const [, head = '', word = '', tail = ''] = match;
  const i = rng.int(1, word.length - 2);
  const kind = rng.int(0, 3);
  const slipped =
    kind === 0 ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2)
    : kind === 1 ? word.slice(0, i) + word.slice(i + 1)
    : word.slice(0, i) + word[i] + word.slice(i);
  return head + slipped + tail;
}
