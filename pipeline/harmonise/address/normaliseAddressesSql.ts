import {
  ABBREVIATIONS,
  FLAT_WORDS,
  FLOOR_PHRASES,
  FULL_POSTCODE,
  PLACE_WORDS,
  POSITION_FLAT_IDS,
  POSTCODE_AREAS,
  STATUS_LINE,
} from './addressVocabulary.js';

/**
 * The SQL that turns a table of addresses into their parts, in DuckDB, one
 * row per input row:
 *
 * | column | meaning |
 * |---|---|
 * | `key` | the input key |
 * | `pc_text` | the full postcode written inside the address (`N16 7LB`), normalised |
 * | `pc_col` | the postcode column, normalised (null unless a full postcode) |
 * | `pc_cut` | a postcode cut short (`London, N`, `N1`), its area/district letters+digits |
 * | `pc_state` | `agree`, `text`, `column`, `conflict`, `cut` or `missing` |
 * | `flat` | the flat's identifier (`A`, `1`, `ABOVE`) or, with none, its floor (`floor_0`) |
 * | `floor` | the floor marker, if any (`floor_lg`) |
 * | `num` | the building number as written (`13A`, `152-154`) |
 * | `num_base` | its leading digits (`13`, `152`) |
 * | `num_letter` | its letter suffix (`A` of `13A`), null for a range |
 * | `pre` | the name before the number (a premises or building name: `ASH COURT`) |
 * | `street` | the street after the number (for an address with no number: the part after the name) |
 * | `words` | every name word of the address, space-padded (` ASH COURT FOO ROAD LONDON `) for word containment |
 *
 * Phases: (1) status lines dropped, upper case, apostrophes and full stops
 * gone; (2) the postcode found in the text (the last full one, everything
 * after it dropped as leaked text) or a cut one at the end; (3) the column
 * postcode read and checked against it; (4) punctuation to spaces, ranges
 * kept (`152-154`), floor and flat words and abbreviations to one spelling;
 * (5) tokens classed (number, flat word, floor, letter, comma, word) and the
 * roles chosen from the class sequence; (6) runs of name words split into a
 * premises name before the number and the street after it, place words
 * (London, boroughs, post towns) stripped from their ends.
 *
 * @example
 *   await conn.run(normaliseAddressesSql('raw_rows', 'raw_norm'));
 *   // "Flat, 1, 13A Deptford High Street, London, SE8 4AD." ->
 *   //   flat 1, num 13A, street DEPTFORD HIGH STREET, pc_text SE8 4AD
 */
export function normaliseAddressesSql(source: string, target: string, extraPlaceWords: readonly string[] = []): string {
  const places = [...new Set([...PLACE_WORDS, ...extraPlaceWords])].sort((a, b) => b.length - a.length).map(escapeRegex).join('|');
  const trailingPlaces = `(?:\\s+(?:${places}))+\\s*$`;
  const areas = [...POSTCODE_AREAS].sort((a, b) => b.length - a.length).join('|');
  const cutPostcode = `(?:,|\\bLONDON)\\s*((?:${areas})(?:[0-9]{1,2}[A-Z]?)?)(?: [0-9])?\\s*[,.]?\\s*$`;

  // Floor phrases: one pass to find whether there is any, the chain only where there is (most addresses have none).
  let floors = 'c';
  for (const [pattern, replacement] of FLOOR_PHRASES) floors = `regexp_replace(${floors}, '${pattern}', '${replacement}', 'g')`;
  let words = `CASE WHEN regexp_matches(c, '${FLOOR_PHRASES.map(([pattern]) => pattern).join('|')}') THEN ${floors} ELSE c END`;
  words = `regexp_replace(${words}, '\\b(?:NO|NUMBER) ([0-9])', '\\1', 'g')`;
  words = `regexp_replace(${words}, '${FLAT_WORDS}', ' FLAT ', 'g')`;
  words = `regexp_replace(${words}, '\\bFLAT\\s+(?:NO|NUMBER)\\b', 'FLAT', 'g')`;
  words = `regexp_replace(${words}, '\\b(UPPER|LOWER|TOP|REAR|FRONT|BACK|GARDEN|MIDDLE|BASEMENT) FLAT\\b', ' FLAT \\1 ', 'g')`;
  words = `regexp_replace(${words}, '\\b([A-Z]{2,}) ST\\b', '\\1 STREET', 'g')`;
  words = `regexp_replace(${words}, '\\bST\\b', 'SAINT', 'g')`;
  words = `regexp_replace(${words}, '\\b([0-9]+) ([A-Z]) ([A-Z]{2,})', '\\1\\2 \\3', 'g')`;
  words = `regexp_replace(${words}, '\\bFLAT 0+([0-9])', 'FLAT \\1', 'g')`;

  const abbreviated = `CASE x ${ABBREVIATIONS.map(([short, long]) => `WHEN '${short}' THEN '${long}'`).join(' ')} ELSE x END`;

  return `
CREATE OR REPLACE TEMP TABLE ${target} AS
WITH lines AS (
  -- a status line leaked after the address (after a newline) is dropped; other line breaks read as commas
  SELECT key, postcode AS raw_postcode,
    regexp_replace(regexp_replace(regexp_replace(upper(trim(coalesce(address, ''))),
      '[\\r\\n]\\s*(?:${STATUS_LINE})\\s*$', ''),
      '[\\r\\n]\\s*(?:${STATUS_LINE})\\s*$', ''),
      '\\s*[\\r\\n]+\\s*', ', ', 'g') AS a
  FROM ${source}
), cleaned AS (
  SELECT key, raw_postcode, regexp_replace(regexp_replace(a, '[''\u2018\u2019\`\u00b4]', '', 'g'), '[.]', ' ', 'g') AS b
  FROM lines
), found AS (
  SELECT key, raw_postcode, b,
    nullif(regexp_extract(b, '^.*(?:^|[^A-Z0-9])(${FULL_POSTCODE})(?:[^A-Z0-9]|$)', 1), '') AS pc_found
  FROM cleaned
), cut AS (
  SELECT key, raw_postcode, pc_found,
    CASE WHEN pc_found IS NOT NULL
      THEN regexp_replace(b, '^(.*[^A-Z0-9]|)${FULL_POSTCODE}(?:[^A-Z0-9].*)?$', '\\1', 's')
      ELSE b END AS b2
  FROM found
), pcs AS (
  SELECT key, pc_found,
    CASE WHEN pc_found IS NULL THEN nullif(regexp_extract(b2, '${cutPostcode}', 1), '') END AS cut_text,
    upper(regexp_replace(coalesce(raw_postcode, ''), '[^A-Za-z0-9]', '', 'g')) AS col_compact,
    b2
  FROM cut
), pcs2 AS (
  SELECT key,
    ${formatPostcode("replace(pc_found, ' ', '')")} AS pc_text,
    CASE WHEN regexp_full_match(col_compact, '[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}') THEN ${formatPostcode('col_compact')} END AS pc_col,
    coalesce(cut_text,
      CASE WHEN pc_found IS NULL AND col_compact <> '' AND NOT regexp_full_match(col_compact, '[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}')
           AND regexp_full_match(col_compact, '(?:${areas})(?:[0-9]{1,2}[A-Z]?)?[0-9]?') THEN regexp_extract(col_compact, '^[A-Z]{1,2}(?:[0-9]{1,2}[A-Z]?)?') END) AS pc_cut,
    CASE WHEN cut_text IS NOT NULL THEN regexp_replace(b2, '${cutPostcode}', '') ELSE b2 END AS b3
  FROM pcs
), spaced AS (
  SELECT key, pc_text, pc_col, pc_cut,
    CASE
      WHEN pc_text IS NOT NULL AND pc_col IS NOT NULL AND pc_text = pc_col THEN 'agree'
      WHEN pc_text IS NOT NULL AND pc_col IS NOT NULL THEN 'conflict'
      WHEN pc_text IS NOT NULL THEN 'text'
      WHEN pc_col IS NOT NULL THEN 'column'
      WHEN pc_cut IS NOT NULL THEN 'cut'
      ELSE 'missing' END AS pc_state,
    regexp_replace(regexp_replace(regexp_replace(regexp_replace(b3,
      '([0-9]) *- *([0-9])', '\\1-\\2', 'g'),
      '[^A-Z0-9,-]+', ' ', 'g'),
      '(^|[^0-9])-|-([^0-9]|$)', '\\1 \\2', 'g'),
      ',', ' , ', 'g') AS c
  FROM pcs2
), canonical AS (
  SELECT * EXCLUDE (c), trim(regexp_replace(${words}, '\\s+', ' ', 'g')) AS d FROM spaced
), tokens AS (
  -- abbreviations (RD, AVE, GDNS...) to their words, token by token
  SELECT * EXCLUDE (d), list_transform(list_filter(string_split(d, ' '), x -> x <> ''), x -> ${abbreviated}) AS t
  FROM canonical
), classed AS (
  -- one class per token, by replacements over the whole string (no regular expression per list element):
  -- c comma, f floor, w flat word, n number (13, 13A, 152-154), l flat letter or position word, t any other word
  SELECT *, list_filter(string_split(trim(
      regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
        ' ' || replace(array_to_string(t, ' '), ' ', '  ') || ' ',
        ' , ', ' c ', 'g'),
        ' floor_[a-z0-9]+ ', ' f ', 'g'),
        ' FLAT  (?:${POSITION_FLAT_IDS.join('|')}) ', ' w  l ', 'g'),
        ' FLAT ', ' w ', 'g'),
        ' [0-9]+[A-Z]?(?:-[0-9]+[A-Z]?)? ', ' n ', 'g'),
        ' (?:[A-Z]|[A-Z][0-9]{1,3}) ', ' l ', 'g'),
        ' [A-Z0-9_-]+ ', ' t ', 'g')), ' '), x -> x <> '') AS k
  FROM tokens
), compact AS (
  -- positions (into t) of every token that is not a comma, and their classes as one string
  SELECT *, list_filter(range(1, len(t) + 1), i -> k[i] <> 'c') AS nz FROM classed
), shaped AS (
  SELECT *, upper(array_to_string(list_transform(nz, i -> k[i]), '')) AS cs,
    list_filter(range(1, len(nz) + 1), j -> k[nz[j]] = 'n') AS ns
  FROM compact
), flagged AS (
  SELECT *,
    -- j (into nz) of the identifier after the first flat word, if any
    CASE WHEN strpos(cs, 'W') > 0 AND substr(cs, strpos(cs, 'W') + 1, 1) IN ('N', 'L') THEN strpos(cs, 'W') + 1 END AS wid,
    strpos(cs, 'F') > 0 AS has_floor,
    CASE WHEN strpos(cs, 'F') > 0 THEN t[nz[strpos(cs, 'F')]] END AS floor_marker
  FROM shaped
), roles AS (
  SELECT *,
    CASE
      WHEN len(ns) >= 2 THEN ns[len(ns)]
      WHEN len(ns) = 1 AND wid IS NOT NULL AND wid = ns[1] AND NOT has_floor THEN NULL
      WHEN len(ns) = 1 THEN ns[1]
      ELSE NULL END AS hn
  FROM flagged
), roles2 AS (
  SELECT *,
    CASE
      WHEN wid IS NOT NULL AND (hn IS NULL OR wid <> hn) THEN wid
      WHEN len(ns) >= 2 THEN ns[1]
      ELSE NULL END AS fid
  FROM roles
), parts AS (
  SELECT key, pc_text, pc_col, pc_cut, pc_state,
    CASE WHEN fid IS NOT NULL THEN regexp_replace(t[nz[fid]], '^0+([0-9])', '\\1') ELSE floor_marker END AS flat,
    floor_marker AS floor,
    CASE WHEN hn IS NOT NULL THEN t[nz[hn]] END AS num,
    -- the name words as runs: every token that is not a name word is a separator, the number is "#"
    list_filter(string_split(array_to_string(list_transform(range(1, len(t) + 1),
        i -> CASE WHEN hn IS NOT NULL AND i = nz[hn] THEN '|#|' WHEN k[i] = 't' THEN t[i] ELSE '|' END), ' '), '|'),
      r -> trim(r) <> '') AS runs,
    ' ' || array_to_string(list_filter(t, (x, i) -> k[i] = 't'), ' ') || ' ' AS words
  FROM roles2
), named AS (
  SELECT *, list_position(list_transform(runs, r -> trim(r)), '#') AS hash_at FROM parts
)
SELECT key, pc_text, pc_col, pc_cut, pc_state, flat, floor, num,
  CAST(regexp_extract(num, '^[0-9]+') AS INTEGER) AS num_base,
  nullif(regexp_extract(num, '^[0-9]+([A-Z])$', 1), '') AS num_letter,
  nullif(trim(regexp_replace(' ' || trim(CASE
    WHEN hash_at IS NOT NULL AND hash_at > 1 THEN runs[hash_at - 1]
    WHEN hash_at IS NULL THEN runs[1] END), '${trailingPlaces}', '')), '') AS pre,
  nullif(trim(regexp_replace(' ' || trim(CASE
    WHEN hash_at IS NOT NULL THEN runs[hash_at + 1]
    ELSE runs[2] END), '${trailingPlaces}', '')), '') AS street,
  words
FROM named`;
}

/** A compact postcode (`N167LB`) written with its space (`N16 7LB`). */
function formatPostcode(compact: string): string {
  return `regexp_replace(${compact}, '^([A-Z0-9]+)([0-9][A-Z]{2})$', '\\1 \\2')`;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "''");
}
