// This module imports nothing of the project (test/architecture/importRules.test.ts checks it):
// it is the standard's machine-readable schema, readable by any tool.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The data standard in code: a typed view of
 * `data/standard/hmo-harmonised-v1.json`, the single machine-readable copy of
 * the tables, columns, types and enums of `hmo-harmonised/1.0`. The validator,
 * the generator, the features and the docs read the column lists from here and
 * nowhere else.
 *
 * @example
 *   const schema = loadSchema();
 *   schema.table('licences').columns.map((c) => c.name); // ['uprn', 'licence_ref', ...]
 */

export type ColumnType = 'uprn' | 'text' | 'pseudonym' | 'integer' | 'number' | 'date' | 'boolean' | 'enum';

export type TableName =
  | 'properties'
  | 'council_tax'
  | 'electoral_register'
  | 'licences'
  | 'inspections'
  | 'housing_benefit'
  | 'complaints';

export type RowReason =
  | 'malformed_row'
  | 'null_uprn'
  | 'missing_value'
  | 'malformed_uprn'
  | 'invalid_number'
  | 'bad_date'
  | 'future_date'
  | 'bad_boolean'
  | 'unknown_enum'
  | 'unmatched_uprn'
  | 'duplicate_row'
  | 'duplicate_uprn';

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  /** Must be present in the header; unless `nullable`, must also have a value in every row. */
  readonly required: boolean;
  /** Present in the header but may be null (only `complaints.uprn`). */
  readonly nullable?: boolean;
  readonly unique?: boolean;
  readonly values?: readonly string[];
  readonly min?: number;
  readonly exclusiveMin?: number;
  /** A date column exempt from the future-date check (the licence expiry). */
  readonly futureAllowed?: boolean;
  readonly description: string;
}

export interface TableSpec {
  readonly name: TableName;
  readonly file: string;
  readonly required: boolean;
  readonly description: string;
  readonly columns: readonly ColumnSpec[];
}

export interface Borough {
  readonly code: string;
  readonly name: string;
}

export interface StandardSchema {
  readonly standard: string;
  readonly title: string;
  readonly boroughs: readonly Borough[];
  readonly personal_data_columns: readonly string[];
  readonly row_reasons: readonly RowReason[];
  readonly tables: readonly TableSpec[];
}

export class Schema {
  readonly standard: string;
  readonly boroughs: readonly Borough[];
  readonly personalDataColumns: ReadonlySet<string>;
  readonly rowReasons: readonly RowReason[];
  readonly tables: readonly TableSpec[];
  private readonly byName: Map<string, TableSpec>;
  private readonly boroughByCode: Map<string, Borough>;

  constructor(raw: StandardSchema) {
    this.standard = raw.standard;
    this.boroughs = raw.boroughs;
    this.personalDataColumns = new Set(raw.personal_data_columns);
    this.rowReasons = raw.row_reasons;
    this.tables = raw.tables;
    this.byName = new Map(raw.tables.map((t) => [t.name, t]));
    this.boroughByCode = new Map(raw.boroughs.map((b) => [b.code, b]));
  }

  table(name: TableName): TableSpec {
    const spec = this.byName.get(name);
    if (!spec) throw new Error(`Unknown table "${name}"; the standard has ${[...this.byName.keys()].join(', ')}`);
    return spec;
  }

  hasTable(name: string): name is TableName {
    return this.byName.has(name);
  }

  borough(code: string): Borough | undefined {
    return this.boroughByCode.get(code);
  }

  isLondonBorough(code: string): boolean {
    return this.boroughByCode.has(code);
  }
}

let cached: Schema | undefined;

const SCHEMA_FILE = join('data', 'standard', 'hmo-harmonised-v1.json');

/** The schema file: `data/standard/hmo-harmonised-v1.json` of the first folder above this module that holds it. */
function schemaFile(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, SCHEMA_FILE))) return join(dir, SCHEMA_FILE);
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Cannot find ${SCHEMA_FILE} above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/**
 * The standard's schema, read once from `data/standard/hmo-harmonised-v1.json`.
 *
 * @example
 *   loadSchema().isLondonBorough('E09000007'); // true
 */
export function loadSchema(): Schema {
  if (!cached) {
    const path = schemaFile();
    cached = new Schema(JSON.parse(readFileSync(path, 'utf8')) as StandardSchema);
  }
  return cached;
}
