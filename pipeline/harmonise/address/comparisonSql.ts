import type { ComparisonSpec } from './FellegiSunterModel.js';

/**
 * The pair's numbers or flats meet (same number, 13A as flat A of 13, a bare number as a flat). A typo in a
 * street or building name is only looked for there: elsewhere the pair is a non-match whatever the spelling,
 * and the word-by-word search is most of the cost of comparing.
 */
const NUMBERS_MEET = '(r.num IS NOT DISTINCT FROM g.num OR r.alt_num = g.alt_num OR r.num = g.flat OR r.flat = g.num)';

/**
 * The comparisons of a raw address (alias `r`) with a gazetteer address
 * (alias `g`), both normalised by `normaliseAddressesSql` plus the derived
 * columns of `derivedColumnsSql`. Each is one SQL expression giving a level,
 * -1 when there is nothing to compare (a null level: no evidence either way).
 * The last level of each is the strongest agreement.
 */
export const COMPARISONS: readonly (ComparisonSpec & { readonly sql: string })[] = [
  {
    // Number and flat together: within a street or a block of flats either alone is common among non-matches
    // (Flat A of 12 and Flat A of 14; 12 and Flat B of 12), so they are one comparison, not two independent ones.
    // Flats are compared under the alignment the numbers agree in: "13A" is also read as flat A of 13, so that
    // "379A Lewisham High Street" and "Flat A 379 Lewisham High Street" agree.
    name: 'number and flat',
    levels: 7,
    labels: [
      'different numbers',
      'same number, different flats',
      'only one side has a number',
      'same number, only one side names a flat',
      'overlapping numbers (a range, or the same digits with another letter)',
      'a number on one side is the flat of the other ("5 Ash House", "Flat 5, Ash House")',
      'same number and flat',
    ],
    sql: `CASE
      WHEN r.num IS NULL AND g.num IS NULL AND r.flat IS NULL AND g.flat IS NULL THEN -1
      WHEN r.num IS NOT NULL AND g.num IS NOT NULL AND r.num IS DISTINCT FROM g.num AND r.alt_num IS DISTINCT FROM g.alt_num
        THEN CASE WHEN r.num_base <= g.num_hi AND g.num_base <= r.num_hi THEN 4 ELSE 0 END
      WHEN r.num IS NOT NULL AND r.flat IS NULL AND g.num IS NULL AND g.flat IS NOT NULL AND r.num = g.flat THEN 5
      WHEN g.num IS NOT NULL AND g.flat IS NULL AND r.num IS NULL AND r.flat IS NOT NULL AND g.num = r.flat THEN 5
      WHEN (r.num IS NULL) <> (g.num IS NULL) THEN 2
      WHEN r.num IS DISTINCT FROM g.num THEN ${flatLevels('r.alt_flat', 'g.alt_flat')}
      ELSE ${flatLevels('r.flat', 'g.flat')}
      END`,
  },
  {
    name: 'building name',
    levels: 5,
    labels: ['different names', 'only one side names the building', 'similar names', 'neither names the building', 'same name'],
    sql: `CASE
      WHEN r.pre IS NULL AND g.pre IS NULL THEN 3
      WHEN g.pre IS NOT NULL AND (r.pre = g.pre OR contains(r.words, ' ' || g.pre || ' ')) THEN 4
      WHEN CASE WHEN g.pre IS NOT NULL AND ${NUMBERS_MEET} AND jaro_winkler_similarity(coalesce(r.pre, r.street, ''), g.pre) >= 0.7
        THEN ${allWordsNear('g.pre_list', 'r.word_list')} ELSE false END THEN 2
      WHEN r.pre IS NULL OR g.pre IS NULL THEN 1
      ELSE 0 END`,
  },
  {
    name: 'street',
    levels: 5,
    labels: ['different streets', 'first word shared', 'similar (typo)', 'street found in the address', 'same street'],
    sql: `CASE
      WHEN g.street IS NULL THEN -1
      WHEN r.street = g.street THEN 4
      WHEN contains(r.words, ' ' || g.street || ' ') THEN 3
      WHEN CASE WHEN ${NUMBERS_MEET} AND jaro_winkler_similarity(coalesce(r.street, r.pre, ''), g.street) >= 0.7
        THEN ${allWordsNear('g.street_list', 'r.word_list')} ELSE false END THEN 2
      WHEN contains(r.words, ' ' || split_part(g.street, ' ', 1) || ' ') THEN 1
      ELSE 0 END`,
  },
  {
    name: 'postcode',
    levels: 4,
    labels: ['different district', 'same district (or a cut postcode that fits)', 'same sector', 'same postcode'],
    sql: `CASE
      WHEN g.pc IS NULL OR (r.pc_text IS NULL AND r.pc_col IS NULL AND r.pc_cut IS NULL) THEN -1
      WHEN g.pc = r.pc_text OR g.pc = r.pc_col THEN 3
      WHEN g.pc_sector = r.sector_text OR g.pc_sector = r.sector_col THEN 2
      WHEN g.pc_outward = r.outward_text OR g.pc_outward = r.outward_col THEN 1
      WHEN r.pc_cut IS NOT NULL AND starts_with(g.pc, r.pc_cut)
        AND (regexp_matches(r.pc_cut, '[0-9]') OR regexp_matches(substr(g.pc, length(r.pc_cut) + 1, 1), '[0-9]')) THEN 1
      ELSE 0 END`,
  },
];

/** Same number: 6 when the flats agree (or neither names one), 3 when one side names none, 1 when they differ. */
function flatLevels(rf: string, gf: string): string {
  return `CASE WHEN ${rf} IS NULL AND ${gf} IS NULL THEN 6
    WHEN ${rf} IS NULL OR ${gf} IS NULL THEN 3
    WHEN ${rf} = ${gf} AND NOT coalesce(r.floor <> g.floor, false) THEN 6 ELSE 1 END`;
}

/**
 * `phrase` is written in `words`, word after word, each the same or one slip of the hand from it
 * (Damerau–Levenshtein 1 for words of five letters or more, 2 from nine): "Stepehnson House" for
 * "Stephenson House", but not "Place" for "Close", and not "Kingsland House" from the "Kingsland" of one
 * phrase and the "House" of another.
 */
function allWordsNear(phrase: string, words: string): string {
  const near = (x: string, y: string) =>
    `(${x} = ${y} OR (length(${x}) >= 5 AND damerau_levenshtein(${x}, ${y}) <= CASE WHEN length(${x}) >= 9 THEN 2 ELSE 1 END))`;
  return `coalesce(list_bool_or(list_transform(range(0, len(${words}) - len(${phrase}) + 1),
      i -> list_bool_and(list_transform(range(1, len(${phrase}) + 1), j -> ${near(`${phrase}[j]`, `${words}[i + j]`)})))), false)`;
}

/**
 * Columns derived from a normalised table for the comparisons: the "13A as
 * flat A of 13" alignment, a range's top number, postcode sector and district.
 */
export function derivedColumnsSql(postcodeExpr: 'gazetteer' | 'raw'): string {
  const common = `
    CASE WHEN flat IS NULL AND num_letter IS NOT NULL THEN CAST(num_base AS VARCHAR) ELSE num END AS alt_num,
    CASE WHEN flat IS NULL AND num_letter IS NOT NULL THEN num_letter ELSE flat END AS alt_flat,
    coalesce(CAST(nullif(regexp_extract(num, '-([0-9]+)', 1), '') AS INTEGER), num_base) AS num_hi`;
  if (postcodeExpr === 'gazetteer') {
    return `${common},
    string_split(pre, ' ') AS pre_list, string_split(street, ' ') AS street_list,
    coalesce(pc_col, pc_text) AS pc,
    left(coalesce(pc_col, pc_text), length(coalesce(pc_col, pc_text)) - 2) AS pc_sector,
    split_part(coalesce(pc_col, pc_text), ' ', 1) AS pc_outward`;
  }
  return `${common},
    string_split(trim(words), ' ') AS word_list,
    left(pc_text, length(pc_text) - 2) AS sector_text, left(pc_col, length(pc_col) - 2) AS sector_col,
    split_part(pc_text, ' ', 1) AS outward_text, split_part(pc_col, ' ', 1) AS outward_col`;
}

/** The select list of every comparison level, named `l0`, `l1`... */
export function levelColumnsSql(): string {
  return COMPARISONS.map((c, i) => `(${c.sql}) AS l${i}`).join(',\n  ');
}
