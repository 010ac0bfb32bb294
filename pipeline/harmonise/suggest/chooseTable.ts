import type { Schema, TableName } from '../../standard/schema.js';
import { containsPhrase, normaliseLabel } from '../values/normaliseLabel.js';
import { COLUMN_SYNONYMS, FILE_NAME_WORDS, UPRN_HEADERS } from './headerSynonyms.js';
import type { FileProfile } from './profileFile.js';

export interface TableChoice {
  readonly table: TableName | 'skip';
  readonly confidence: number;
  readonly evidence: string[];
}

/** Columns that only one table has: strong evidence for it. */
const DISTINCTIVE: Partial<Record<TableName, readonly string[]>> = {
  licences: ['licence_ref', 'scheme', 'max_occupants', 'max_households'],
  inspections: ['inspection_date', 'outcome'],
  council_tax: ['account_ref', 'single_person_discount', 'student_exemption', 'liable_persons'],
  electoral_register: ['elector_ref', 'surname_key', 'registered_date', 'removed_date'],
  housing_benefit: ['claim_ref', 'weekly_rent', 'shared_accommodation_rate'],
  complaints: ['received_date', 'category'],
  properties: ['ward_code', 'property_type', 'council_tax_band', 'tenure', 'epc_rating'],
};

/**
 * Which standard table a raw file feeds, from its headers (the standard's
 * columns their synonyms name, distinctive ones weighing double) and the words
 * of its file name; `skip` when nothing points anywhere. The evidence lists
 * what was found; the confidence is the winner's share of the two best scores.
 *
 * @example
 *   chooseTable(profileRawTable(await openRawSource('raw', 'hmo_register.csv'), 'hmo_register.csv'), schema); // { table: 'licences', confidence: 0.86, evidence: [...] }
 */
export function chooseTable(profile: FileProfile, schema: Schema): TableChoice {
  const labels = profile.header.map(normaliseLabel);
  const nameLabel = normaliseLabel(profile.file.replace(/\.[^.]+$/, ''));
  const scores: { table: TableName; score: number; why: string[] }[] = [];
  for (const spec of schema.tables) {
    const synonyms = COLUMN_SYNONYMS[spec.name] ?? {};
    let score = 0;
    const why: string[] = [];
    for (const [column, list] of Object.entries(synonyms)) {
      const hit = labels.findIndex((l) => list.includes(l));
      if (hit < 0) continue;
      const weight = (DISTINCTIVE[spec.name] ?? []).includes(column) ? 2 : 1;
      score += weight;
      why.push(`"${profile.header[hit]}" → ${column}`);
    }
    if (spec.name === 'properties' && labels.some((l) => UPRN_HEADERS.includes(l))) score += 0.5;
    const words = (FILE_NAME_WORDS[spec.name] ?? []).filter((w) => containsPhrase(nameLabel, w));
    if (words.length > 0) {
      score += 2.5;
      why.push(`file name has "${words[0]}"`);
    }
    scores.push({ table: spec.name, score, why });
  }
  scores.sort((a, b) => b.score - a.score);
  const first = scores[0];
  const second = scores[1];
  if (!first || first.score < 2) {
    return { table: 'skip', confidence: 0.6, evidence: ['no table of the standard is named by its headers or its file name: skipped (set `table` to use it)'] };
  }
  const confidence = Math.round((first.score / (first.score + (second?.score ?? 0))) * 100) / 100;
  const evidence = [`headers and name point to ${first.table} (score ${first.score}${second ? `; next ${second.table} ${second.score}` : ''})`, ...first.why];
  return { table: first.table, confidence, evidence };
}
