/**
 * The words address normalisation knows: status text that leaks into an
 * address cell, floor and flat words with their abbreviations and typos,
 * street-type abbreviations, and the borough, post-town and county words
 * that say nothing about which property is meant. Each list is written as
 * RE2 regular-expression source (DuckDB's regexp functions), upper case:
 * normalisation upper-cases the address first.
 */

/** A line that is only a licence status (leaked into the cell after a newline). */
export const STATUS_LINE =
  '(TEMPORARY |TEN |TEMP )?(EXEMPTION|EXEMPT)( NOTICE| GRANTED| APPLIED)?' +
  '|(HMO )?LICEN[CS]E[DS]?( GRANTED| ISSUED| PENDING| REVOKED| EXPIRED| REFUSED| APPLIED FOR| APPLICATION)?' +
  '|GRANTED|ISSUED|PENDING|REVOKED|EXPIRED|REFUSED|WITHDRAWN|DRAFT|ACTIVE|CURRENT|LAPSED|SURRENDERED|VARIED|VARIATION|RENEWAL|RENEWED' +
  '|(NEW )?APPLICATION( RECEIVED| PENDING| IN PROGRESS| REFUSED| WITHDRAWN)?|UNDER (REVIEW|CONSIDERATION)|IN PROGRESS|N/?A|TBC|UNKNOWN';

/** UK postcode areas (the letters a postcode starts with). A cut postcode must start with one. */
export const POSTCODE_AREAS = [
  'AB', 'AL', 'BA', 'BB', 'BD', 'BH', 'BL', 'BN', 'BR', 'BS', 'BT', 'CA', 'CB', 'CF', 'CH', 'CM', 'CO', 'CR', 'CT', 'CV', 'CW',
  'DA', 'DD', 'DE', 'DG', 'DH', 'DL', 'DN', 'DT', 'DY', 'EC', 'EH', 'EN', 'EX', 'FK', 'FY', 'GL', 'GU', 'GY', 'HA', 'HD', 'HG',
  'HP', 'HR', 'HS', 'HU', 'HX', 'IG', 'IM', 'IP', 'IV', 'JE', 'KA', 'KT', 'KW', 'KY', 'LA', 'LD', 'LE', 'LL', 'LN', 'LS', 'LU',
  'ME', 'MK', 'ML', 'NE', 'NG', 'NN', 'NP', 'NR', 'NW', 'OL', 'OX', 'PA', 'PE', 'PH', 'PL', 'PO', 'PR', 'RG', 'RH', 'RM', 'SA',
  'SE', 'SG', 'SK', 'SL', 'SM', 'SN', 'SO', 'SP', 'SR', 'SS', 'ST', 'SW', 'SY', 'TA', 'TD', 'TF', 'TN', 'TQ', 'TR', 'TS', 'TW',
  'UB', 'WA', 'WC', 'WD', 'WF', 'WN', 'WR', 'WS', 'WV', 'YO', 'ZE', 'B', 'E', 'G', 'L', 'M', 'N', 'S', 'W',
] as const;

/** A full postcode, spaces optional (`N16 7LB`, `N167LB`). */
export const FULL_POSTCODE = '[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}';

/**
 * Floor phrases, most specific first, each to a floor marker token
 * (`floor_lg`, `floor_0`, `floor_1`...). Markers are lower case so that no
 * upper-cased address word can be one. "Flat" after a floor stays a flat word.
 */
const FLOOR_SUFFIX = '(?: (?:FLOOR|FLR|FL|FLOORS))';
export const FLOOR_PHRASES: readonly (readonly [string, string])[] = [
  [`\\bLOWER (?:GROUND|GRD|GND)${FLOOR_SUFFIX}?\\b`, ' floor_lg '],
  ['\\bLGFF?\\b', ' floor_lg FLAT '],
  [`\\bUPPER (?:GROUND|GRD|GND)${FLOOR_SUFFIX}?\\b`, ' floor_ug '],
  ['\\bUGFF?\\b', ' floor_ug FLAT '],
  [`\\bMEZ+A+N+I+N+E*${FLOOR_SUFFIX}?\\b`, ' floor_m '],
  [`\\bMEZZ?${FLOOR_SUFFIX}\\b`, ' floor_m '],
  [`\\b(?:BASEMENT|BSMT|BASMENT)${FLOOR_SUFFIX}?\\b`, ' floor_b '],
  [`\\b(?:GROUND|GRD|GND|GRND)${FLOOR_SUFFIX}\\b`, ' floor_0 '],
  ['\\b(?:GROUND|GRD|GND|GRND) FLAT\\b', ' floor_0 FLAT '],
  ['\\bGFF?\\b', ' floor_0 FLAT '],
  [`\\b(?:FIRST|1ST)${FLOOR_SUFFIX}\\b`, ' floor_1 '],
  ['\\bFFF?\\b', ' floor_1 FLAT '],
  [`\\b(?:SECOND|2ND)${FLOOR_SUFFIX}\\b`, ' floor_2 '],
  ['\\bSFF\\b', ' floor_2 FLAT '],
  [`\\b(?:THIRD|3RD)${FLOOR_SUFFIX}\\b`, ' floor_3 '],
  ['\\bTFF\\b', ' floor_3 FLAT '],
  [`\\b(?:FOURTH|4TH)${FLOOR_SUFFIX}\\b`, ' floor_4 '],
  [`\\b(?:FIFTH|5TH)${FLOOR_SUFFIX}\\b`, ' floor_5 '],
  [`\\b(?:SIXTH|6TH)${FLOOR_SUFFIX}\\b`, ' floor_6 '],
  [`\\b(?:SEVENTH|7TH)${FLOOR_SUFFIX}\\b`, ' floor_7 '],
  [`\\b(?:EIGHTH|8TH)${FLOOR_SUFFIX}\\b`, ' floor_8 '],
  [`\\bTOP${FLOOR_SUFFIX}\\b`, ' floor_top '],
];

/** Words naming a self-contained part of a building, all read as "FLAT". */
export const FLAT_WORDS =
  '\\b(?:FLAT|FLT|FLATS|APARTMENT|APPARTMENT|APT|APPT|UNIT|ROOM|RM|BEDSIT|BED SIT|BEDSITTER|STUDIO|MAISONETTE|MAISONNETTE|MAISONETT|SUITE)\\b';

/** Words that name a flat by its position, read as the flat's identifier when they follow a flat word. */
export const POSITION_FLAT_IDS = ['ABOVE', 'UPPER', 'LOWER', 'TOP', 'REAR', 'FRONT', 'BACK', 'GARDEN', 'MIDDLE', 'LEFT', 'RIGHT', 'BASEMENT'] as const;

/** Street-type and other abbreviations, to their full word. */
export const ABBREVIATIONS: readonly (readonly [string, string])[] = [
  ['RD', 'ROAD'], ['AVE', 'AVENUE'], ['AV', 'AVENUE'], ['AVEN', 'AVENUE'], ['GDNS', 'GARDENS'], ['GDN', 'GARDEN'], ['GRDNS', 'GARDENS'],
  ['CRES', 'CRESCENT'], ['CRESC', 'CRESCENT'], ['CRS', 'CRESCENT'], ['SQ', 'SQUARE'], ['PL', 'PLACE'], ['LN', 'LANE'],
  ['GRO', 'GROVE'], ['GRV', 'GROVE'], ['CT', 'COURT'], ['CRT', 'COURT'], ['TERR', 'TERRACE'], ['TER', 'TERRACE'], ['TCE', 'TERRACE'],
  ['CL', 'CLOSE'], ['DR', 'DRIVE'], ['DRV', 'DRIVE'], ['HSE', 'HOUSE'], ['PK', 'PARK'], ['MWS', 'MEWS'], ['WK', 'WALK'],
  ['BLDGS', 'BUILDINGS'], ['BLDG', 'BUILDING'], ['MANS', 'MANSIONS'], ['EST', 'ESTATE'], ['HL', 'HILL'], ['GRN', 'GREEN'],
  ['BDWY', 'BROADWAY'], ['BWAY', 'BROADWAY'], ['PDE', 'PARADE'], ['APTS', 'APARTMENTS'], ['NTH', 'NORTH'], ['STH', 'SOUTH'],
  ['UPR', 'UPPER'], ['UPP', 'UPPER'], ['LWR', 'LOWER'], ['GT', 'GREAT'], ['WHF', 'WHARF'], ['TWR', 'TOWER'], ['LDG', 'LODGE'],
  ['COTT', 'COTTAGE'], ['COTTS', 'COTTAGES'], ['HWY', 'HIGHWAY'], ['APPR', 'APPROACH'], ['CIRC', 'CIRCUS'], ['YD', 'YARD'],
  ['HTS', 'HEIGHTS'], ['PT', 'POINT'], ['CNR', 'CORNER'],
];

/**
 * Place words that end an address without naming the property: London, its
 * boroughs, the outer post towns and counties. Stripped only from the end of
 * a street or name ("Hackney Road" keeps its Hackney).
 */
export const PLACE_WORDS = [
  'LONDON', 'GREATER LONDON', 'CITY OF LONDON', 'CITY OF WESTMINSTER', 'WESTMINSTER', 'BARKING AND DAGENHAM', 'BARKING', 'DAGENHAM',
  'BARNET', 'BEXLEY', 'BEXLEYHEATH', 'BRENT', 'BROMLEY', 'CAMDEN', 'CROYDON', 'EALING', 'ENFIELD', 'GREENWICH', 'HACKNEY',
  'HAMMERSMITH AND FULHAM', 'HAMMERSMITH', 'FULHAM', 'HARINGEY', 'HARROW', 'HAVERING', 'HILLINGDON', 'HOUNSLOW', 'ISLINGTON',
  'KENSINGTON AND CHELSEA', 'ROYAL BOROUGH OF KENSINGTON AND CHELSEA', 'KINGSTON UPON THAMES', 'KINGSTON', 'LAMBETH', 'LEWISHAM',
  'MERTON', 'NEWHAM', 'REDBRIDGE', 'RICHMOND UPON THAMES', 'RICHMOND', 'SOUTHWARK', 'SUTTON', 'TOWER HAMLETS', 'WALTHAM FOREST',
  'WANDSWORTH', 'ILFORD', 'ROMFORD', 'TWICKENHAM', 'SOUTHALL', 'UXBRIDGE', 'MIDDLESEX', 'SURREY', 'KENT', 'ESSEX', 'UK',
  'UNITED KINGDOM', 'ENGLAND', 'GB',
] as const;
