import { loadSchema } from '../standard/schema.js';
import { generateMessages } from '../messages/generate.js';

/** A `--boroughs` value (or an omission list) that names no valid set of boroughs: a usage error. */
export class BoroughSelectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BoroughSelectionError';
  }
}

/** The sample's three boroughs first (Camden, Hackney, Newham), then the rest by code: `--boroughs N` takes the first N. */
export const SAMPLE_BOROUGHS = ['E09000007', 'E09000012', 'E09000025'] as const;

/**
 * The boroughs a `--boroughs` value names, sorted by code: a count N (the
 * three sample boroughs first, then the rest by code) or GSS codes separated
 * by commas or spaces.
 *
 * @example
 *   selectBoroughs('3');                      // ['E09000007', 'E09000012', 'E09000025']
 *   selectBoroughs('E09000012,E09000001');    // ['E09000001', 'E09000012']
 *   selectBoroughs('E09000099');              // throws BoroughSelectionError
 */
export function selectBoroughs(spec: string | number | readonly string[]): string[] {
  const schema = loadSchema();
  const all = schema.boroughs.map((b) => b.code);
  const tokens = (Array.isArray(spec) ? spec : [String(spec)]).flatMap((s: string) => s.split(/[\s,]+/)).filter((s) => s !== '');
  if (tokens.length === 1 && /^\d+$/.test(tokens[0] as string)) {
    const count = Number(tokens[0]);
    if (count < 1 || count > all.length) throw new BoroughSelectionError(generateMessages.boroughCountOutOfRange(String(tokens[0])));
    const order = [...SAMPLE_BOROUGHS, ...all.filter((c) => !(SAMPLE_BOROUGHS as readonly string[]).includes(c))];
    return order.slice(0, count).sort();
  }
  if (tokens.length === 0) throw new BoroughSelectionError(generateMessages.boroughCountOutOfRange(''));
  const unknown = tokens.filter((t) => !schema.isLondonBorough(t));
  if (unknown.length > 0) throw new BoroughSelectionError(generateMessages.unknownBoroughs(unknown));
  const seen = new Set<string>();
  for (const code of tokens) {
    if (seen.has(code)) throw new BoroughSelectionError(generateMessages.repeatedBorough(code));
    seen.add(code);
  }
  return [...seen].sort();
}

/**
 * Which boroughs leave out an optional table when the caller does not say:
 * with two boroughs or more, one supplies no housing_benefit.csv (Newham if
 * generated, otherwise the last by code); with five or more, another supplies
 * no complaints.csv (the first by code that still has housing benefit).
 *
 * @example
 *   defaultOmissions(['E09000007', 'E09000012', 'E09000025']); // { withoutHousingBenefit: ['E09000025'], withoutComplaints: [] }
 */
export function defaultOmissions(codes: readonly string[]): { withoutHousingBenefit: string[]; withoutComplaints: string[] } {
  if (codes.length < 2) return { withoutHousingBenefit: [], withoutComplaints: [] };
  const sorted = [...codes].sort();
  const noBenefit = sorted.includes('E09000025') ? 'E09000025' : (sorted[sorted.length - 1] as string);
  const noComplaints = sorted.length >= 5 ? sorted.filter((c) => c !== noBenefit).slice(0, 1) : [];
  return { withoutHousingBenefit: [noBenefit], withoutComplaints: noComplaints };
}
