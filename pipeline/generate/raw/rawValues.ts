import type { Random } from '../../util/Random.js';
import type { AddressVariant, RawStyle } from './RawStyle.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A standard date (`YYYY-MM-DD`) as a council system writes it. A value that
 * is not a standard date (a fault of the drop) keeps its digits in the
 * style's order where it can, so it stays as wrong as it was.
 *
 * @example
 *   rawDate('2019-12-06', 'mixed-register', rng); // '06/12/2019', '6/12/2019' or 'Fri Dec 06 2019 12:00:00 GMT+0000 (Greenwich Mean Time)'
 */
export function rawDate(iso: string, style: RawStyle['dates'], rng: Random): string {
  const m = iso.match(ISO);
  if (!m) return iso;
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  const month = Number(mo);
  const day = Number(d);
  const real = month >= 1 && month <= 12 && day >= 1 && day <= 31 && !Number.isNaN(new Date(`${iso}T12:00:00Z`).getTime()) && new Date(`${iso}T12:00:00Z`).getUTCDate() === day;
  switch (style) {
    case 'DD/MM/YYYY':
      return `${d}/${mo}/${y}`;
    case 'mixed-register': {
      const u = rng.uniform();
      if (u < 0.1 && real) {
        const date = new Date(`${iso}T12:00:00Z`);
        const summer = month >= 4 && month <= 10;
        return `${DAYS[date.getUTCDay()]} ${MONTHS[month - 1]} ${d} ${y} ${summer ? '13:00:00 GMT+0100 (British Summer Time)' : '12:00:00 GMT+0000 (Greenwich Mean Time)'}`;
      }
      if (u < 0.2) return `${day}/${month}/${y}`;
      return `${d}/${mo}/${y}`;
    }
    case 'DD-MMM-YYYY':
      // No month name for a month that does not exist: its digits, in the style's order, stay unreadable.
      if (!real) return `${d}-${mo}-${y}`;
      return rng.uniform() < 0.15 ? `${iso} 00:00:00` : `${d}-${(MONTHS[month - 1] as string).toUpperCase()}-${y}`;
    case 'ISO datetime':
      return `${iso} 00:00:00`;
  }
}

const ABBREVIATIONS: [RegExp, string][] = [
  [/\bRoad\b/, 'Rd'],
  [/\bStreet\b/, 'St'],
  [/\bAvenue\b/, 'Ave'],
  [/\bGardens\b/, 'Gdns'],
  [/\bCrescent\b/, 'Cres'],
  [/\bTerrace\b/, 'Terr'],
];

/** A neighbouring postcode (last letter moved on), for a postcode column that disagrees with the address. */
function neighbourPostcode(postcode: string): string {
  const last = postcode.charCodeAt(postcode.length - 1);
  if (Number.isNaN(last)) return postcode;
  const next = last >= 89 ? 65 : last + 1;
  return postcode.slice(0, -1) + String.fromCharCode(next);
}

/**
 * An address as one raw export writes it, from the gazetteer's text (e.g.
 * `Flat A, 1 Elgin Road, London` + `N16 9ZZ`): the forms of issue 14 drawn
 * per row at the style's rates (borough locality added, a comma after the
 * number, no commas, upper case, a trailing full stop, Rd/St, a status leaked
 * after a line break, the postcode cut at a column width, a postcode column
 * that disagrees), else the plain form. Returns the address text and the
 * postcode column's value.
 *
 * @example
 *   rawAddress('Flat A, 1 Elgin Road, London', 'N16 9ZZ', 'Hackney', style, rng); // { address: 'Flat A 1, Elgin Road, London', postcode: 'N16 9ZZ' }
 */
export function rawAddress(address: string, postcode: string, borough: string, style: RawStyle, rng: Random): { address: string; postcode: string } {
  let text = address;
  let column = postcode;
  let withPostcode = style.address.postcode !== 'column';
  let suffix = '';
  const variants = style.address.variants;
  const draw = (v: AddressVariant) => rng.uniform() < (variants[v] ?? 0);
  if (draw('locality') && text.endsWith(', London')) text = `${text.slice(0, -', London'.length)}, ${borough}, London`;
  if (draw('commaAfterNumber')) {
    const m = text.match(/^(Flat [0-9A-Za-z]+), (\d+[A-Za-z]?) (.*)$/);
    if (m) text = `${m[1]} ${m[2]}, ${m[3]}`;
    else {
      const n = text.match(/^(\d+[A-Za-z]?) (.*)$/);
      if (n) text = `${n[1]}, ${n[2]}`;
    }
  }
  if (draw('flatLetterToNumber')) {
    const m = text.match(/^Flat ([A-D]), (\d+) (.*)$/);
    if (m) text = `${m[2]}${m[1]} ${m[3]}`;
  }
  if (draw('abbreviate')) for (const [re, short] of ABBREVIATIONS) text = text.replace(re, short);
  const cut = draw('cutPostcode');
  if (withPostcode) text = `${text}, ${cut ? (postcode.split(' ')[0] ?? postcode) : postcode}`;
  if (draw('noCommas')) text = text.replace(/,\s*/g, ' ');
  if (draw('upper') || style.address.upper) text = text.toUpperCase();
  if (draw('fullStop')) text = `${text}.`;
  if (draw('leakedStatus')) suffix = `\n${' '.repeat(36)}${rng.uniform() < 0.5 ? 'TEMPORARY EXEMPTION' : 'LICENCE VARIED'}`;
  if (style.address.postcode !== 'inside' && draw('wrongPostcodeColumn')) column = neighbourPostcode(postcode);
  if (style.address.upper) column = column.toUpperCase();
  withPostcode = style.address.postcode !== 'inside';
  return { address: text + suffix, postcode: withPostcode ? column : '' };
}

/** Splits a gazetteer address into up to three lines (the last takes the rest), for exports with address-line columns. */
export function addressLines(address: string): [string, string, string] {
  const parts = address.split(', ');
  if (parts.length <= 3) return [parts[0] ?? '', parts[1] ?? '', parts[2] ?? ''];
  return [parts[0] as string, parts[1] as string, parts.slice(2).join(', ')];
}

const SYLLABLES = ['ar', 'bel', 'cor', 'dun', 'el', 'fen', 'gar', 'hol', 'ing', 'jar', 'kel', 'lor', 'mar', 'nor', 'os', 'pen', 'quen', 'ros', 'sel', 'tor', 'ul', 'ven', 'wil', 'yar'];
const ENDINGS = ['ton', 'by', 'ley', 'wick', 'ford', 'ham', 'well', 'more', 'son', 'den', 'field', 'worth'];

/**
 * The i-th invented surname (never a real person's: syllables and an
 * ending, double-barrelled past the single ones): distinct i, distinct name.
 *
 * @example
 *   inventedSurname(0); // 'Arton'
 */
export function inventedSurname(i: number): string {
  const single = SYLLABLES.length * ENDINGS.length;
  const one = (k: number) => {
    const s = SYLLABLES[k % SYLLABLES.length] as string;
    const e = ENDINGS[Math.floor(k / SYLLABLES.length) % ENDINGS.length] as string;
    return s.charAt(0).toUpperCase() + s.slice(1) + e;
  };
  if (i < single) return one(i);
  const j = i - single;
  const first = one(j % single);
  const rest = Math.floor(j / single);
  return rest < single ? `${first}-${one(rest)}` : `${first}-${one(rest % single)} ${Math.floor(rest / single)}`;
}

/** A council-looking number for a 16-hex-digit pseudonym: its value in decimal (distinct refs stay distinct). */
export function councilNumber(prefix: string, hex: string): string {
  if (!/^[0-9a-f]{1,16}$/.test(hex)) return hex;
  return `${prefix}${BigInt(`0x${hex}`).toString().padStart(20, '0')}`;
}
