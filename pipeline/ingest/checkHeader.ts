import { ingestMessages } from '../messages/ingest.js';
import { loadSchema, type TableSpec } from '../standard/schema.js';

/** What the header of one table's file says: where each standard column is, and what is wrong with it. */
export interface HeaderCheck {
  /** Standard column name → its 0-based position in the file; absent optional columns are missing. */
  positions: Map<string, number>;
  errors: string[];
  warnings: string[];
}

// Names that look personal, beyond the standard's list (a reader "may warn" about them).
const PERSONAL_LOOKING = /(name|birth|dob|phone|mobile|e-?mail|nino|insurance|passport|postal_address|contact)/i;

/**
 * The header rules of the standard (sections 2, 4.1 and 5): names are exact
 * and lower case; a repeated name, a missing required column or a
 * personal-data column (trimmed and lower-cased) fails the borough; other
 * names are unknown extras, ignored with a warning.
 *
 * @example
 *   checkHeader(['uprn', 'Address'], 1, schema.table('properties'), 'E09000007/properties.csv');
 *   // errors: required column "address" missing, ...; warnings: unknown column "Address"
 */
export function checkHeader(header: readonly string[], headerLine: number, spec: TableSpec, file: string): HeaderCheck {
  const personal = loadSchema().personalDataColumns;
  const errors: string[] = [];
  const warnings: string[] = [];
  const positions = new Map<string, number>();
  const seen = new Set<string>();
  const standardNames = new Set(spec.columns.map((c) => c.name));
  header.forEach((name, index) => {
    if (seen.has(name)) {
      errors.push(ingestMessages.repeatedColumn(file, headerLine, name));
      return;
    }
    seen.add(name);
    if (standardNames.has(name)) {
      positions.set(name, index);
    } else if (personal.has(name.trim().toLowerCase())) {
      errors.push(ingestMessages.personalDataColumn(file, name));
    } else if (PERSONAL_LOOKING.test(name)) {
      warnings.push(ingestMessages.personalLookingColumn(file, name));
    } else {
      warnings.push(ingestMessages.unknownColumn(file, name));
    }
  });
  for (const column of spec.columns) {
    if (column.required && !positions.has(column.name)) errors.push(ingestMessages.requiredColumnMissing(file, column.name));
  }
  return { positions, errors, warnings };
}
