import { anchorKey } from './anchorKey.js';
import type { FeaturePlan } from './FeatureFamily.js';
import { monthsBefore } from './phrases.js';

/**
 * A grouping of properties under a key: the properties of a landlord, of a
 * postcode, of a ward. A property is a member of a key from `since` on (the
 * date a record first links it; the earliest date for undated links).
 */
export interface Membership {
  /** Short name, the prefix of the CTEs (`f_<id>_...`). */
  readonly id: string;
  /** SQL of the members: `borough_code, k, uprn, since (DATE), private_rented (0/1)`, one row per (key, property). */
  readonly members: string;
  /** SQL of the keys of each anchor row at its as_of: `anchorKey(plan).columnsWithUprn()`, then `borough_code, k, since` (since <= as_of). */
  readonly anchorKeys: string;
  /** The window of the complaint count, in months. */
  readonly complaintMonths: number;
}

/** The counts `membershipCountsSql` gives per (anchor row, key), the anchor's own property left out. */
export const MEMBERSHIP_COUNTS = ['members', 'private_rented', 'hmo_live', 'selective_live', 'hmo_ever', 'hmo_found', 'conclusive', 'complaints'] as const;

/** Name of the CTE of every property's dated facts that membership counts add up (`propertyEventsSql`). */
const PROPERTY_EVENTS = 'f_property_events';

/**
 * Every property's dated facts that the membership counts add up, one row
 * each: `borough_code, uprn, kind` (the index of the count in
 * MEMBERSHIP_COUNTS), `day` (when it starts to count) and `until` (the last
 * day of a licence span, after which it stops counting; NULL for a fact that
 * counts for ever): the HMO and selective licence spans, the first HMO
 * licence, the first inspection that found an HMO, the first conclusive
 * inspection, and every dated complaint. Shared by every membership (the same
 * text, so written once), and joined to a membership's members once.
 */
function propertyEventsSql(): string {
  const kind = (name: (typeof MEMBERSHIP_COUNTS)[number]) => MEMBERSHIP_COUNTS.indexOf(name);
  const first = (column: 'hmo_licence' | 'hmo_found' | 'conclusive', name: 'hmo_ever' | 'hmo_found' | 'conclusive') =>
    `SELECT borough_code, uprn, ${kind(name)} AS kind, ${column} AS day, CAST(NULL AS DATE) AS until FROM f_first WHERE ${column} IS NOT NULL`;
  return `${PROPERTY_EVENTS} AS (
    SELECT borough_code, uprn, CASE WHEN grp = 'hmo' THEN ${kind('hmo_live')} ELSE ${kind('selective_live')} END AS kind, start_date AS day, end_date AS until
    FROM f_spans WHERE grp IN ('hmo', 'selective')
    UNION ALL
    ${first('hmo_licence', 'hmo_ever')}
    UNION ALL
    ${first('hmo_found', 'hmo_found')}
    UNION ALL
    ${first('conclusive', 'conclusive')}
    UNION ALL
    SELECT borough_code, uprn, ${kind('complaints')} AS kind, received_date AS day, CAST(NULL AS DATE) AS until FROM complaints WHERE received_date IS NOT NULL
)`;
}

/**
 * CTEs that count, for each anchor row and each key it belongs to at its
 * as_of, the OTHER member properties of the key (the anchor's own property
 * left out) as of that date:
 *
 * - `members`: properties linked to the key by as_of; `private_rented`: of
 *   them, those whose tenure is private-rented;
 * - `hmo_live` / `selective_live`: holding a current HMO / selective licence
 *   at as_of (and linked by then);
 * - `hmo_ever`: holding an HMO licence started by as_of; `hmo_found` /
 *   `conclusive`: with an inspection that found an HMO / a conclusive
 *   inspection dated by as_of;
 * - `complaints`: complaints about them in the `complaintMonths` months up to
 *   and including as_of.
 *
 * A member's record counts from the later of its own date and the date the
 * member joined the key (a landlord's property counts from the day a record
 * links it to the landlord). Computed from running totals per key and day
 * (one window pass over the events, one ASOF lookup per distinct key and
 * as_of), so the cost does not grow with rows x portfolio size. Nothing dated
 * after as_of counts; a licence's expiry is known from its grant.
 *
 * Result CTE: `f_<id>_others (uprn, as_of, k, <MEMBERSHIP_COUNTS>)`.
 * Expects `f_spans`, `f_first`, `f_own_facts` (`propertyFactsCtes`).
 *
 * @example
 *   membershipCountsSql({ id: 'pc', members: '...', anchorKeys: '...', complaintMonths: 12 });
 */
export function membershipCountsSql(m: Membership, plan: FeaturePlan = 'reference'): Array<[string, string]> {
  const id = `f_${m.id}`;
  const key = anchorKey(plan);
  const kinds = MEMBERSHIP_COUNTS;
  const totals = kinds.map((name, j) => `CAST(sum(sum(delta) FILTER (WHERE kind = ${j})) OVER days AS BIGINT) AS ${name}`);
  const since = monthsBefore('p.as_of', m.complaintMonths);
  return [
    [`${id}_members`, `${id}_members AS (\n  ${m.members}\n)`],
    [`${id}_keys`, `${id}_keys AS (\n  ${m.anchorKeys}\n)`],
    ...(plan === 'reference' ? referenceEvents(id) : linkedEvents(id)),
    ...(plan === 'reference' ? totalsByAsof(id, totals, since) : totalsAtPoints(id, totals, since)),
    [
      `${id}_own_complaints`,
      `${id}_own_complaints AS (
  SELECT ${key.columns('ky')}, ky.k, count(*) AS complaints
  FROM ${id}_keys ky
  JOIN complaints c ON c.borough_code = ky.borough_code AND c.uprn = ky.uprn
  WHERE greatest(ky.since, c.received_date) <= ky.as_of
    AND greatest(ky.since, c.received_date) > ${monthsBefore('ky.as_of', m.complaintMonths)}
  GROUP BY ${key.columns('ky')}, ky.k
)`,
    ],
    [
      `${id}_others`,
      `${id}_others AS (
  SELECT ${key.columns('ky')}, ky.k,
    t.members - 1 AS members,
    t.private_rented - o.private_rented AS private_rented,
    t.hmo_live - o.hmo_live AS hmo_live,
    t.selective_live - o.selective_live AS selective_live,
    t.hmo_ever - o.hmo_ever AS hmo_ever,
    t.hmo_found - o.hmo_found AS hmo_found,
    t.conclusive - o.conclusive AS conclusive,
    t.complaints - coalesce(oc.complaints, 0) AS complaints
  FROM ${id}_keys ky
  JOIN ${id}_at t ON t.borough_code = ky.borough_code AND t.k = ky.k AND t.as_of = ky.as_of
  JOIN f_own_facts o ON ${key.on('o', 'ky')}
  LEFT JOIN ${id}_own_complaints oc ON ${key.on('oc', 'ky')} AND oc.k = ky.k
)`,
    ],
  ];
}

/** The events of a membership as the definition states them: each kind of fact joined to the members on its own. */
function referenceEvents(id: string): Array<[string, string]> {
  const kind = (name: (typeof MEMBERSHIP_COUNTS)[number]) => MEMBERSHIP_COUNTS.indexOf(name);
  const joined = (fact: string) => `greatest(mb.since, ${fact})`;
  const spanEvents = (grp: 'hmo' | 'selective', name: 'hmo_live' | 'selective_live') => `
    SELECT mb.borough_code, mb.k, ${joined('s.start_date')} AS day, ${kind(name)} AS kind, 1 AS delta
    FROM ${id}_members mb JOIN f_spans s ON s.borough_code = mb.borough_code AND s.uprn = mb.uprn AND s.grp = '${grp}'
    WHERE ${joined('s.start_date')} <= s.end_date
    UNION ALL
    SELECT mb.borough_code, mb.k, CAST(s.end_date + 1 AS DATE) AS day, ${kind(name)} AS kind, -1 AS delta
    FROM ${id}_members mb JOIN f_spans s ON s.borough_code = mb.borough_code AND s.uprn = mb.uprn AND s.grp = '${grp}'
    WHERE ${joined('s.start_date')} <= s.end_date`;
  const firstEvents = (column: 'hmo_licence' | 'hmo_found' | 'conclusive', name: 'hmo_ever' | 'hmo_found' | 'conclusive') => `
    SELECT mb.borough_code, mb.k, ${joined(`ff.${column}`)} AS day, ${kind(name)} AS kind, 1 AS delta
    FROM ${id}_members mb JOIN f_first ff ON ff.borough_code = mb.borough_code AND ff.uprn = mb.uprn
    WHERE ff.${column} IS NOT NULL`;
  return [
    [
      `${id}_events`,
      `${id}_events AS (
    SELECT borough_code, k, since AS day, ${kind('members')} AS kind, 1 AS delta FROM ${id}_members
    UNION ALL
    SELECT borough_code, k, since AS day, ${kind('private_rented')} AS kind, 1 AS delta FROM ${id}_members WHERE private_rented = 1
    UNION ALL${spanEvents('hmo', 'hmo_live')}
    UNION ALL${spanEvents('selective', 'selective_live')}
    UNION ALL${firstEvents('hmo_licence', 'hmo_ever')}
    UNION ALL${firstEvents('hmo_found', 'hmo_found')}
    UNION ALL${firstEvents('conclusive', 'conclusive')}
    UNION ALL
    SELECT mb.borough_code, mb.k, ${joined('c.received_date')} AS day, ${kind('complaints')} AS kind, 1 AS delta
    FROM ${id}_members mb JOIN complaints c ON c.borough_code = mb.borough_code AND c.uprn = mb.uprn
    WHERE c.received_date IS NOT NULL
)`,
    ],
  ];
}

/**
 * The same events as `referenceEvents`, the same rows: every property's
 * dated facts (`propertyEventsSql`) joined to the members once, instead of
 * once per kind of fact (seven joins fewer per membership, each with its
 * build and its fixed memory).
 */
function linkedEvents(id: string): Array<[string, string]> {
  const kind = (name: (typeof MEMBERSHIP_COUNTS)[number]) => MEMBERSHIP_COUNTS.indexOf(name);
  return [
    [PROPERTY_EVENTS, propertyEventsSql()],
    [
      `${id}_linked`,
      // Each member's dated facts, from the later of the fact's date and the day the member joined the key.
      `${id}_linked AS MATERIALIZED (
    SELECT mb.borough_code, mb.k, greatest(mb.since, e.day) AS day, e.kind, e.until
    FROM ${id}_members mb JOIN ${PROPERTY_EVENTS} e ON e.borough_code = mb.borough_code AND e.uprn = mb.uprn
    WHERE e.until IS NULL OR greatest(mb.since, e.day) <= e.until
)`,
    ],
    [
      `${id}_events`,
      `${id}_events AS (
    SELECT borough_code, k, since AS day, ${kind('members')} AS kind, 1 AS delta FROM ${id}_members
    UNION ALL
    SELECT borough_code, k, since AS day, ${kind('private_rented')} AS kind, 1 AS delta FROM ${id}_members WHERE private_rented = 1
    UNION ALL
    SELECT borough_code, k, day, kind, 1 AS delta FROM ${id}_linked
    UNION ALL
    SELECT borough_code, k, CAST(until + 1 AS DATE) AS day, kind, -1 AS delta FROM ${id}_linked WHERE until IS NOT NULL
)`,
    ],
  ];
}

/** The counts of every (key, as_of) kept at its as_of: columns of `_at`, the complaints those of the window to as_of. */
function atColumns(d: string, s: string): string {
  return `${MEMBERSHIP_COUNTS.filter((name) => name !== 'complaints')
    .map((name) => `coalesce(${d}.${name}, 0) AS ${name}`)
    .join(',\n    ')},
    coalesce(${d}.complaints, 0) - coalesce(${s}.complaints, 0) AS complaints`;
}

/** `_days` (running totals per key and event day) and `_at` (each (key, as_of) read with ASOF joins): the definition. */
function totalsByAsof(id: string, totals: readonly string[], since: string): Array<[string, string]> {
  return [
    [
      `${id}_days`,
      `${id}_days AS (
  SELECT borough_code, k, day,
    ${totals.join(',\n    ')}
  FROM ${id}_events
  WHERE day IS NOT NULL
  GROUP BY borough_code, k, day
  WINDOW days AS (PARTITION BY borough_code, k ORDER BY day)
)`,
    ],
    [
      `${id}_at`,
      `${id}_at AS (
  SELECT p.borough_code, p.k, p.as_of,
    ${atColumns('d', 's')}
  FROM (SELECT DISTINCT borough_code, k, as_of FROM ${id}_keys) p
  ASOF LEFT JOIN ${id}_days d ON d.borough_code = p.borough_code AND d.k = p.k AND d.day <= p.as_of
  ASOF LEFT JOIN ${id}_days s ON s.borough_code = p.borough_code AND s.k = p.k AND s.day <= ${since}
)`,
    ],
  ];
}

/**
 * The same `_at` as `totalsByAsof`, without ASOF joins (each holds a large
 * fixed buffer): every (key, as_of) adds its as_of and its complaint window's
 * start to the key's days as days without events, so the running total of
 * such a day is the total at that date (a window frame over days takes every
 * event dated on or before it), read back with plain equality joins.
 */
function totalsAtPoints(id: string, totals: readonly string[], since: string): Array<[string, string]> {
  return [
    [`${id}_points`, `${id}_points AS (\n  SELECT DISTINCT p.borough_code, p.k, p.as_of, ${since} AS since FROM ${id}_keys p\n)`],
    [
      `${id}_days`,
      `${id}_days AS (
  SELECT borough_code, k, day,
    ${totals.join(',\n    ')}
  FROM (
    SELECT borough_code, k, day, kind, delta FROM ${id}_events WHERE day IS NOT NULL
    UNION ALL
    SELECT borough_code, k, as_of AS day, NULL AS kind, 0 AS delta FROM ${id}_points
    UNION ALL
    SELECT borough_code, k, since AS day, NULL AS kind, 0 AS delta FROM ${id}_points
  )
  GROUP BY borough_code, k, day
  WINDOW days AS (PARTITION BY borough_code, k ORDER BY day)
)`,
    ],
    [
      `${id}_at`,
      `${id}_at AS (
  SELECT p.borough_code, p.k, p.as_of,
    ${atColumns('d', 's')}
  FROM ${id}_points p
  JOIN ${id}_days d ON d.borough_code = p.borough_code AND d.k = p.k AND d.day = p.as_of
  JOIN ${id}_days s ON s.borough_code = p.borough_code AND s.k = p.k AND s.day = p.since
)`,
    ],
  ];
}
