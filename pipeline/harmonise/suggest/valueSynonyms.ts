import { containsPhrase, normaliseLabel } from '../values/normaliseLabel.js';

/** How one raw spelling was mapped, for the mapping's evidence. */
export interface ValueGuess {
  readonly to: string;
  readonly how: 'spelling' | 'word' | 'letter';
}

interface EnumRules {
  /** Exact normalised spellings per standard value. */
  readonly spellings: Readonly<Record<string, readonly string[]>>;
  /** Whole-word phrases that decide when exactly one standard value's phrases occur. */
  readonly words?: Readonly<Record<string, readonly string[]>>;
}

/**
 * Spellings of the standard's enums met in council systems, keyed
 * `table.column` (or `*.column` for every table). `guessValue` tries exact
 * spellings, then the one-letter codes, then "contains the word".
 */
const ENUM_RULES: Record<string, EnumRules> = {
  'licences.scheme': {
    spellings: {
      'mandatory-hmo': ['mandatory', 'm', 'mandatory hmo', 'mandatory hmo licence', 'hmo mandatory', 'mandatory licence', 'mandatory licencing', 'mand', 'mhmo', 'mandatory hmo licencing', 'large hmo', 'hmo mandatory licence', 'part 2 mandatory'],
      'additional-hmo': ['additional', 'a', 'additional hmo', 'additional hmo licence', 'additional licence', 'additional licencing', 'add', 'ahmo', 'hmo additional', 'small hmo', 'additional hmo licencing', 'part 2 additional'],
      selective: ['selective', 's', 'selective licence', 'selective licencing', 'sel', 'selective licencing scheme', 'part 3', 'part 3 selective'],
    },
    words: { 'mandatory-hmo': ['mandatory'], 'additional-hmo': ['additional'], selective: ['selective'] },
  },
  'inspections.outcome': {
    spellings: {
      hmo: ['hmo', 'is hmo', 'hmo confirmed', 'confirmed hmo', 'yes hmo', 'hmo found', 'hmo identified', 'confirmed as hmo', 'positive', 'is an hmo', 'is a hmo', 'hmo yes'],
      'not-hmo': ['not hmo', 'not an hmo', 'not a hmo', 'no hmo', 'non hmo', 'no hmo found', 'single household', 'family let', 'negative', 'hmo no', 'not hmo single household'],
      'no-access': ['no access', 'no entry', 'access refused', 'refused entry', 'no answer', 'unable to access', 'no access card left', 'gained no access', 'access denied', 'no reply'],
    },
    words: { 'no-access': ['access', 'no entry', 'refused', 'no answer', 'no reply'], 'not-hmo': ['not hmo', 'not an hmo', 'not a hmo', 'non hmo', 'no hmo'], hmo: ['hmo'] },
  },
  'inspections.trigger': {
    spellings: {
      complaint: ['complaint', 'complaints', 'service request', 'tenant complaint', 'neighbour complaint', 'reactive', 'complaint received', 'report', 'complaint led', 'c'],
      proactive: ['proactive', 'proactive visit', 'proactive inspection', 'street survey', 'door knock', 'intelligence', 'intelligence led', 'survey', 'routine', 'p', 'programmed'],
      model: ['model', 'risk model', 'data model', 'predictive model', 'model referral', 'risk model referral', 'algorithm', 'data led', 'model led'],
      'licence-application': ['licence application', 'application', 'licencing', 'licence', 'pre licence inspection', 'licence inspection', 'new application', 'renewal', 'licence renewal', 'application visit', 'l'],
    },
    words: { complaint: ['complaint', 'service request'], proactive: ['proactive', 'survey', 'intelligence'], model: ['model', 'algorithm'], 'licence-application': ['application', 'licence', 'renewal'] },
  },
  'complaints.category': {
    spellings: {
      noise: ['noise', 'noise nuisance', 'loud music', 'noise complaint', 'domestic noise', 'music', 'parties'],
      pests: ['pests', 'pest', 'pest control', 'rats', 'mice', 'cockroaches', 'bed bugs', 'vermin', 'infestation', 'rodents'],
      waste: ['waste', 'refuse', 'rubbish', 'fly tipping', 'refuse fly tipping', 'bins', 'accumulation of rubbish', 'litter', 'refuse and fly tipping', 'dumped rubbish'],
      disrepair: ['disrepair', 'housing disrepair', 'damp', 'mould', 'damp and mould', 'repairs', 'housing conditions', 'leak', 'leaks'],
      overcrowding: ['overcrowding', 'overcrowded', 'over crowding', 'too many occupants', 'too many people'],
      asb: ['asb', 'anti social behaviour', 'antisocial behaviour', 'anti social', 'anti social behavior', 'nuisance neighbours'],
      planning: ['planning', 'planning enforcement', 'unauthorised development', 'planning breach', 'building control', 'planning contravention'],
      other: ['other', 'misc', 'miscellaneous', 'general', 'general enquiry', 'others'],
    },
    words: {
      noise: ['noise'], pests: ['pest', 'pests', 'rats', 'mice', 'vermin'], waste: ['waste', 'refuse', 'rubbish', 'tipping', 'bins'],
      disrepair: ['disrepair', 'damp', 'mould', 'repair', 'repairs'], overcrowding: ['overcrowding', 'overcrowded'], asb: ['asb', 'anti social', 'antisocial'],
      planning: ['planning'], other: ['other'],
    },
  },
  'properties.property_type': {
    spellings: { house: ['house', 'h', 'dwelling house'], flat: ['flat', 'f', 'apartment', 'flat apartment'], maisonette: ['maisonette'], bungalow: ['bungalow', 'b'], other: ['other', 'park home', 'houseboat'] },
    words: { house: ['house'], flat: ['flat', 'apartment'], maisonette: ['maisonette'], bungalow: ['bungalow'] },
  },
  'properties.built_form': {
    spellings: {
      detached: ['detached'], 'semi-detached': ['semi detached', 'semi'], terraced: ['terraced', 'mid terrace', 'mid terraced', 'terrace'], 'end-terrace': ['end terrace', 'end terraced', 'enclosed end terrace'],
      'purpose-built': ['purpose built', 'purpose built block'], converted: ['converted', 'conversion'], unknown: ['unknown', 'not recorded', 'no data'],
    },
  },
  'properties.tenure': {
    spellings: {
      'owner-occupied': ['owner occupied', 'owner occupier', 'owned', 'owner', 'oo'], 'private-rented': ['private rented', 'rented private', 'private', 'privately rented', 'prs', 'rental private'],
      'social-rented': ['social rented', 'rented social', 'council', 'housing association', 'social', 'local authority', 'rsl'], unknown: ['unknown', 'not recorded', 'no data'],
    },
  },
};

const BOOLEAN_SPELLINGS: Record<string, readonly string[]> = {
  true: ['true', 't', 'yes', 'y', '1', 'x', 'spd', 'exempt', 'sar', 'on', 'applied', 'discount'],
  false: ['false', 'f', 'no', 'n', '0', 'off', 'none', 'not applied'],
};

/** Tokens that mean "no value" in council exports (beyond the empty cell). */
export const NULL_TOKENS = ['', 'n a', 'na', 'null', 'none', 'unknown', 'not known', 'tbc', 'not applicable', 'nil'];

/**
 * The standard value a raw spelling of `table.column` stands for, and how it
 * was found; undefined when nothing says.
 *
 * @example
 *   guessValue('licences', 'scheme', 'Additional HMO licence', ['mandatory-hmo', 'additional-hmo', 'selective']); // { to: 'additional-hmo', how: 'spelling' }
 */
export function guessValue(table: string, column: string, raw: string, allowed: readonly string[]): ValueGuess | undefined {
  const label = normaliseLabel(raw);
  if (label === '') return undefined;
  const rules = ENUM_RULES[`${table}.${column}`];
  // The standard's own spelling, in any case.
  for (const value of allowed) if (normaliseLabel(value) === label) return { to: value, how: 'spelling' };
  if (!rules) {
    if (allowed.every((v) => /^[A-Z]$/.test(v)) && /^[a-z]$/.test(label)) return { to: label.toUpperCase(), how: 'letter' };
    return undefined;
  }
  for (const [to, spellings] of Object.entries(rules.spellings)) if (spellings.includes(label)) return { to, how: label.length === 1 ? 'letter' : 'spelling' };
  if (rules.words) {
    const hits = Object.entries(rules.words).filter(([, words]) => words.some((w) => containsPhrase(label, w)));
    // More specific outcomes first: "not hmo" also contains "hmo".
    if (hits.length === 1) return { to: (hits[0] as [string, readonly string[]])[0], how: 'word' };
    if (hits.length > 1 && table === 'inspections' && column === 'outcome') {
      const order = ['no-access', 'not-hmo', 'hmo'];
      const first = order.find((o) => hits.some(([to]) => to === o));
      if (first) return { to: first, how: 'word' };
    }
  }
  return undefined;
}

/** `true`/`false` for a raw boolean spelling, undefined when it says neither. */
export function guessBoolean(raw: string): 'true' | 'false' | undefined {
  const label = normaliseLabel(raw);
  if (label === '') return undefined;
  if ((BOOLEAN_SPELLINGS.true as readonly string[]).includes(label)) return 'true';
  if ((BOOLEAN_SPELLINGS.false as readonly string[]).includes(label)) return 'false';
  return undefined;
}

const NULL_TOKEN_SET = new Set(NULL_TOKENS);

/** True when a raw value is one of the "no value" tokens (a value with a digit, or long, never is: checked first, cheaply). */
export function isNullToken(raw: string): boolean {
  if (raw.length > 20 || /\d/.test(raw)) return false;
  return NULL_TOKEN_SET.has(normaliseLabel(raw));
}
