import type { ColumnSpec, TableName, TableSpec } from '../../standard/schema.js';
import { UNMAPPED, type ColumnMapping } from '../mapping/Mapping.js';
import { chooseDateForms } from '../values/dateForms.js';
import { containsPhrase, labelWords, normaliseLabel } from '../values/normaliseLabel.js';
import { ADDRESS_HEADERS, COLUMN_SYNONYMS, NOT_PERSONAL_HEADERS, PERSONAL_HEADER_WORDS, POSTCODE_HEADERS, UPRN_HEADERS } from './headerSynonyms.js';
import { dateShare, type ColumnProfile, type FileProfile } from './profileFile.js';
import { guessBoolean, guessValue, isNullToken } from './valueSynonyms.js';

interface Candidate {
  readonly to: string;
  readonly score: number;
  readonly evidence: string;
}

const pct = (n: number, d: number) => (d === 0 ? '0%' : `${Math.round((100 * n) / d)}%`);
const round2 = (x: number) => Math.round(x * 100) / 100;

/** How well a header names one standard column: exact synonym 0.9, a multi-word synonym inside the header 0.6. */
function synonymScore(label: string, synonyms: readonly string[]): { score: number; synonym: string } | undefined {
  if (synonyms.includes(label)) return { score: 0.9, synonym: label };
  let best: { score: number; synonym: string } | undefined;
  for (const s of synonyms) if (s.includes(' ') && containsPhrase(label, s) && (!best || s.length > best.synonym.length)) best = { score: 0.6, synonym: s };
  if (best) return best;
  // Weaker: every word of a phrase, in another order or with words between ("Date Licence Granted" has "date granted").
  const words = labelWords(label);
  for (const s of synonyms) {
    if (!s.includes(' ') || !s.split(' ').every((w) => words.has(w))) continue;
    if (!best || s.length > best.synonym.length) best = { score: 0.5, synonym: s };
  }
  return best;
}

export function isPersonalHeader(label: string): string | undefined {
  if (NOT_PERSONAL_HEADERS.some((p) => containsPhrase(label, p))) return undefined;
  return PERSONAL_HEADER_WORDS.find((p) => containsPhrase(label, p));
}

/**
 * Drafts where every raw column of a file goes, for the standard table it
 * feeds: a standard column (with date forms or a value map), `address` /
 * `postcode` (matched to a UPRN), `drop` (people: names, contact details) or
 * `ignore`, each with its evidence and a confidence from 0 to 1. A header
 * match is checked against the values (dates read, numbers, UPRNs), and each
 * standard column takes at most one raw column (the best).
 *
 * @example
 *   const columns = mapColumns(profile, schema.table('licences'));
 *   columns['Licence Type '].values; // { Mandatory: 'mandatory-hmo', M: 'mandatory-hmo', '': null }
 */
export function mapColumns(profile: FileProfile, table: TableSpec): Record<string, ColumnMapping> {
  const synonyms = COLUMN_SYNONYMS[table.name] ?? {};
  const candidates = new Map<string, Candidate[]>();
  for (const column of profile.columns) candidates.set(column.key, candidatesFor(column, table, synonyms, profile.records));

  // Each standard column (and `uprn`, `postcode`) to its best raw column; `address` may take several.
  const chosen = new Map<string, Candidate>();
  const taken = new Map<string, { key: string; score: number }>();
  const order = [...profile.columns].sort((a, b) => best(candidates.get(b.key))!.score - best(candidates.get(a.key))!.score || a.index - b.index);
  for (const column of order) {
    const list = [...(candidates.get(column.key) ?? [])].sort((a, b) => b.score - a.score);
    for (const candidate of list) {
      if (candidate.to === 'address' || candidate.to === 'drop' || candidate.to === 'ignore') {
        chosen.set(column.key, candidate);
        break;
      }
      const holder = taken.get(candidate.to);
      if (holder) continue;
      taken.set(candidate.to, { key: column.key, score: candidate.score });
      chosen.set(column.key, candidate);
      break;
    }
    if (!chosen.has(column.key)) {
      const lost = list[0];
      chosen.set(column.key, {
        to: 'ignore',
        score: 0.5,
        evidence: lost ? `looked like ${lost.to} (${lost.evidence}), but "${taken.get(lost.to)?.key}" fits it better` : 'no standard column matched',
      });
    }
  }

  // Address: one whole-address column when there is one (the best filled), else every part in file order.
  const addressColumns = profile.columns.filter((c) => chosen.get(c.key)?.to === 'address');
  const whole = addressColumns.filter((c) => (ADDRESS_HEADERS.full as readonly string[]).includes(normaliseLabel(c.header)));
  if (whole.length > 0) {
    const keep = [...whole].sort((a, b) => b.filled - a.filled || a.index - b.index)[0] as ColumnProfile;
    for (const c of addressColumns) {
      if (c.key !== keep.key) chosen.set(c.key, { to: 'ignore', score: 0.6, evidence: `another address column, "${keep.key}", holds the whole address` });
    }
  }

  const result: Record<string, ColumnMapping> = {};
  for (const column of profile.columns) {
    const candidate = chosen.get(column.key) as Candidate;
    const spec = table.columns.find((c) => c.name === candidate.to);
    result[column.key] = finish(column, candidate, spec, table.name, profile.records);
  }
  return result;
}

function best(list: Candidate[] | undefined): Candidate {
  return [...(list ?? [])].sort((a, b) => b.score - a.score)[0] ?? { to: 'ignore', score: 0, evidence: '' };
}

function candidatesFor(column: ColumnProfile, table: TableSpec, synonyms: Record<string, readonly string[]>, records: number): Candidate[] {
  const label = normaliseLabel(column.header);
  const out: Candidate[] = [];
  const filled = `${pct(column.filled, records)} of ${records} rows filled`;
  if (records > 0 && column.filled === 0) return [{ to: 'ignore', score: 0.9, evidence: `every value is empty${label === '' ? ' and the header is blank' : ''}` }];

  if (UPRN_HEADERS.includes(label)) {
    const share = column.filled === 0 ? 0 : column.uprns / column.filled;
    if (share >= 0.9) out.push({ to: 'uprn', score: 0.95, evidence: `header "${column.header}" names the UPRN; ${pct(column.uprns, column.filled)} of values are UPRNs` });
    else out.push({ to: 'ignore', score: 0.8, evidence: `header "${column.header}" names the UPRN, but only ${pct(column.uprns, column.filled)} of values are UPRNs (1-12 digits): the address is matched instead` });
  }
  for (const [name, list] of Object.entries(synonyms)) {
    const hit = synonymScore(label, list);
    if (!hit) continue;
    const spec = table.columns.find((c) => c.name === name);
    if (!spec) continue;
    const check = valueCheck(column, spec, table.name);
    out.push({ to: name, score: round2(hit.score * check.factor), evidence: `header "${column.header}" ${hit.score >= 0.9 ? 'is' : 'contains'} "${hit.synonym}"; ${check.evidence}; ${filled}` });
  }
  const exactStandard = out.some((c) => c.score >= 0.8 && c.to !== 'ignore');
  const personal = isPersonalHeader(label);
  if (personal && !exactStandard) out.push({ to: 'drop', score: 0.97, evidence: `header "${column.header}" names a person or their contact details ("${personal}"): never carried` });
  if (column.filled > 0 && (column.emails + column.phones) / column.filled >= 0.3) {
    out.push({ to: 'drop', score: 0.98, evidence: `${pct(column.emails, column.filled)} of values are e-mail addresses and ${pct(column.phones, column.filled)} phone numbers: never carried` });
  }
  if (POSTCODE_HEADERS.includes(label)) out.push({ to: 'postcode', score: 0.95, evidence: `header "${column.header}" names the postcode; ${pct(column.postcodes, column.filled)} of values are postcodes` });
  else if (column.filled > 0 && column.postcodes / column.filled >= 0.8) out.push({ to: 'postcode', score: 0.8, evidence: `${pct(column.postcodes, column.filled)} of values are postcodes` });
  if ((ADDRESS_HEADERS.full as readonly string[]).includes(label)) out.push({ to: 'address', score: 0.9, evidence: `header "${column.header}" names the property's address; ${pct(column.postcodeInside, column.filled)} of values hold a postcode` });
  else if ((ADDRESS_HEADERS.parts as readonly string[]).includes(label)) out.push({ to: 'address', score: 0.85, evidence: `header "${column.header}" names a part of the address` });
  else if (containsPhrase(label, 'address') && !personal && !/\b(e ?mail|web)\b/.test(label)) {
    out.push({ to: 'address', score: 0.8, evidence: `header "${column.header}" has the word "address"; ${pct(column.postcodeInside, column.filled)} of values hold a postcode` });
  }
  // No header says so, but the values read as addresses ("Premises", "Location of HMO"...).
  if (out.length === 0 && !personal && column.filled > 0 && column.addressLike / column.filled >= 0.6) {
    out.push({ to: 'address', score: 0.6, evidence: `header "${column.header}" names no standard column, but ${pct(column.addressLike, column.filled)} of values read as addresses (a number, then a street)` });
  }
  if (out.length === 0) {
    const why = column.filled > 0 && column.councilRefs / column.filled >= 0.8 ? `values look like the council's own references (e.g. "${firstValue(column)}"), not UPRNs` : 'no standard column matched';
    out.push({ to: 'ignore', score: 0.5, evidence: `header "${column.header}": ${why}` });
  }
  return out;
}

function firstValue(column: ColumnProfile): string {
  for (const v of column.distinct.keys()) if (v.trim() !== '') return v;
  return '';
}

/** How far the values bear out a header match: a factor on its score and a sentence. */
function valueCheck(column: ColumnProfile, spec: ColumnSpec, table: TableName): { factor: number; evidence: string } {
  const n = column.filled;
  if (n === 0) return { factor: 0.8, evidence: 'no values to check' };
  switch (spec.type) {
    case 'date': {
      const share = dateShare(column);
      return { factor: share >= 0.9 ? 1 : share >= 0.5 ? 0.8 : 0.4, evidence: `${pct(Math.round(share * n), n)} of values read as dates` };
    }
    case 'integer': {
      const share = column.integers / n;
      return { factor: share >= 0.9 ? 1 : share >= 0.5 ? 0.8 : 0.4, evidence: `${pct(column.integers, n)} of values are whole numbers` };
    }
    case 'number': {
      const share = column.numbers / n;
      return { factor: share >= 0.9 ? 1 : share >= 0.5 ? 0.8 : 0.4, evidence: `${pct(column.numbers, n)} of values are numbers` };
    }
    case 'boolean': {
      let known = 0;
      for (const [v, count] of column.distinct) if (guessBoolean(v) !== undefined) known += count;
      return { factor: known / n >= 0.9 ? 1 : 0.7, evidence: `${pct(known, n)} of values read as yes/no` };
    }
    case 'enum': {
      let known = 0;
      for (const [v, count] of column.distinct) if (guessValue(table, spec.name, v, spec.values ?? []) !== undefined) known += count;
      return { factor: known / n >= 0.8 ? 1 : known / n >= 0.3 ? 0.85 : 0.6, evidence: `${pct(known, n)} of values are known spellings` };
    }
    default:
      return { factor: 1, evidence: `${column.distinct.size}${column.distinctOverflow ? '+' : ''} distinct values` };
  }
}

function finish(column: ColumnProfile, candidate: Candidate, spec: ColumnSpec | undefined, table: TableName, records: number): ColumnMapping {
  const base = { to: candidate.to, confidence: round2(Math.min(1, candidate.score)), evidence: candidate.evidence };
  if (!spec) return base;
  if (spec.type === 'date') {
    const { forms, ambiguousDayMonth } = chooseDateForms(column.dateForms);
    const met = [...column.dateForms.entries()].filter(([f]) => forms.includes(f)).map(([f, n]) => `${f} ×${n}`).join(', ');
    return {
      ...base,
      confidence: round2(ambiguousDayMonth ? Math.min(base.confidence, 0.7) : base.confidence),
      evidence: `${base.evidence}; date forms met: ${met || 'none'}${ambiguousDayMonth ? '; no value shows whether day or month comes first: day first (UK) assumed' : ''}`,
      date_forms: forms,
    };
  }
  if (spec.type === 'enum' || spec.type === 'boolean') {
    const values: Record<string, string | null> = {};
    let mapped = 0;
    let unknown = 0;
    const distinct = [...column.distinct.keys()].sort((a, b) => a.localeCompare(b));
    const hasExplicitFalse = distinct.some((v) => guessBoolean(v) === 'false');
    for (const raw of distinct) {
      let to: string | null;
      if (raw.trim() === '') to = spec.type === 'boolean' && !hasExplicitFalse && distinct.some((v) => guessBoolean(v) === 'true') ? 'false' : null;
      else if (spec.type === 'boolean') to = guessBoolean(raw) ?? (isNullToken(raw) ? null : UNMAPPED);
      else to = guessValue(table, spec.name, raw, spec.values ?? [])?.to ?? (isNullToken(raw) ? null : UNMAPPED);
      values[raw] = to;
      if (to === UNMAPPED) unknown += 1;
      else mapped += 1;
    }
    const emptyFalse = spec.type === 'boolean' && values[''] === 'false';
    const evidence = `${base.evidence}; ${mapped} of ${distinct.length} distinct values mapped${unknown > 0 ? `, ${unknown} UNMAPPED (say what they mean, or null)` : ''}${emptyFalse ? '; an empty cell is read as false (only "yes" values are written)' : ''}${column.distinctOverflow ? `; more than ${distinct.length} distinct values: the list is cut` : ''}`;
    return { ...base, confidence: round2(base.confidence * (unknown > 0 ? 0.7 : 1) * (emptyFalse ? 0.9 : 1)), evidence, values };
  }
  void records;
  return base;
}
