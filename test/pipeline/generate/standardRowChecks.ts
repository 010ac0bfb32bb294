import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { loadSchema, type RowReason, type TableName } from '../../../pipeline/standard/schema.js';

/**
 * A small, independent reading of the standard's ordered row checks
 * (section 4.2), for the generator's tests only: it tells which reason each
 * row of a borough's tables gets, so the tests can hold faults.json to what
 * was actually written. (Ingest has the real validator; this one is kept
 * deliberately plain so that the two can be compared.)
 */
export interface TableCheck {
  records: number;
  accepted: string[][];
  header: string[];
  reasons: Partial<Record<RowReason, number>>;
}

const UPRN = /^[1-9][0-9]{0,11}$/;
const INTEGER = /^-?[0-9]+$/;
const NUMBER = /^-?([0-9]+(\.[0-9]*)?|\.[0-9]+)$/;

export function readCsv(path: string): string[][] {
  const parsed = Papa.parse<string[]>(readFileSync(path, 'utf8'), { skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`${path}: ${parsed.errors[0]?.message}`);
  return parsed.data;
}

function isRealDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

export function checkBorough(boroughDir: string): { extractDate: string; tables: Partial<Record<TableName, TableCheck>> } {
  const schema = loadSchema();
  const manifest = JSON.parse(readFileSync(join(boroughDir, 'manifest.json'), 'utf8')) as {
    extract_date: string;
    tables: Record<string, { file: string; rows: number }>;
  };
  const known = new Set<string>();
  const tables: Partial<Record<TableName, TableCheck>> = {};
  for (const spec of schema.tables) {
    const entry = manifest.tables[spec.name];
    if (!entry) continue;
    const [header = [], ...records] = readCsv(join(boroughDir, entry.file));
    const index = new Map(header.map((name, i) => [name, i]));
    const reasons: Partial<Record<RowReason, number>> = {};
    const accepted: string[][] = [];
    const seenRows = new Set<string>();
    const seenUprns = new Set<string>();
    const reasonOf = (record: string[]): RowReason | null => {
      if (record.length !== header.length) return 'malformed_row';
      const value = (name: string) => {
        const i = index.get(name);
        return i === undefined ? '' : (record[i] ?? '');
      };
      if (spec.name === 'complaints' && value('uprn') === '') return 'null_uprn';
      for (const column of spec.columns) if (column.required && !column.nullable && value(column.name) === '') return 'missing_value';
      for (const column of spec.columns) {
        const text = value(column.name);
        if (text === '') continue;
        switch (column.type) {
          case 'uprn':
            if (!UPRN.test(text)) return 'malformed_uprn';
            break;
          case 'integer':
          case 'number': {
            if (!(column.type === 'integer' ? INTEGER : NUMBER).test(text)) return 'invalid_number';
            const n = Number(text);
            if (column.min !== undefined && n < column.min) return 'invalid_number';
            if (column.exclusiveMin !== undefined && n <= column.exclusiveMin) return 'invalid_number';
            break;
          }
          case 'date':
            if (!isRealDate(text)) return 'bad_date';
            if (!column.futureAllowed && text > manifest.extract_date) return 'future_date';
            break;
          case 'boolean':
            if (text !== 'true' && text !== 'false') return 'bad_boolean';
            break;
          case 'enum':
            if (!(column.values ?? []).includes(text)) return 'unknown_enum';
            break;
          default:
            break;
        }
      }
      if (spec.name !== 'properties' && !known.has(value('uprn'))) return 'unmatched_uprn';
      const key = spec.columns.map((c) => value(c.name)).join('\u0000');
      if (seenRows.has(key)) return 'duplicate_row';
      if (spec.name === 'properties' && seenUprns.has(value('uprn'))) return 'duplicate_uprn';
      seenRows.add(key);
      seenUprns.add(value('uprn'));
      return null;
    };
    for (const record of records) {
      const reason = reasonOf(record);
      if (reason) reasons[reason] = (reasons[reason] ?? 0) + 1;
      else accepted.push(record);
    }
    if (spec.name === 'properties') for (const record of accepted) known.add(record[index.get('uprn') ?? 0] ?? '');
    tables[spec.name] = { records: records.length, accepted, header, reasons };
  }
  return { extractDate: manifest.extract_date, tables };
}
