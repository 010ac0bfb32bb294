import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { ingestMessages } from '../messages/ingest.js';
import type { TableSpec } from '../standard/schema.js';
import { checkHeader } from './checkHeader.js';
import { scanCsv, type CsvProblem, type CsvScanResult } from './CsvScan.js';
import type { ListedTable } from './readManifest.js';

/** One listed table's file after the byte-level pass: where it is, its header, and what fails the borough. */
export interface InspectedTable {
  listed: ListedTable;
  spec: TableSpec;
  /** Absolute path of the CSV inside the drop. */
  path: string;
  /** `<borough folder>/<file>`, as messages and the quarantine name it. */
  display: string;
  scan: CsvScanResult | undefined;
  /** The file's size in bytes (0 when it is missing or not a plain file). */
  bytes: number;
  /** Standard column → 0-based position in the file. */
  positions: Map<string, number>;
  errors: string[];
  warnings: string[];
}

/**
 * Section 4.1 for one listed file, without DuckDB: it must be a plain file
 * (not missing, not a folder or symbolic link), readable (UTF-8, a header,
 * no open quote, no text after a closing quote), hold the manifest's `rows`
 * records, and have a header that follows the header rules.
 *
 * @example
 *   const inspected = inspectTableFile('drop/E09000007', 'E09000007', listed, schema.table(listed.table));
 *   inspected.errors; // [] when the borough may go on to the row checks
 */
export function inspectTableFile(boroughDir: string, folder: string, listed: ListedTable, spec: TableSpec): InspectedTable {
  const path = join(boroughDir, listed.file);
  const display = `${folder}/${listed.file}`;
  const inspected: InspectedTable = { listed, spec, path, display, scan: undefined, bytes: 0, positions: new Map(), errors: [], warnings: [] };
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    inspected.errors.push(ingestMessages.fileMissing(display));
    return inspected;
  }
  if (!stat.isFile()) {
    inspected.errors.push(ingestMessages.fileNotPlain(display));
    return inspected;
  }
  inspected.bytes = stat.size;
  const scan = scanCsv(path);
  inspected.scan = scan;
  if (scan.problem) {
    inspected.errors.push(problemMessage(display, scan.problem, scan.header));
    return inspected;
  }
  const header = checkHeader(scan.header, scan.headerLine, spec, display);
  inspected.positions = header.positions;
  inspected.errors.push(...header.errors);
  inspected.warnings.push(...header.warnings);
  if (scan.records !== listed.rows) inspected.errors.push(ingestMessages.rowsMismatch(display, listed.rows, scan.records));
  return inspected;
}

function problemMessage(display: string, problem: CsvProblem, header: readonly string[]): string {
  switch (problem.kind) {
    case 'not_utf8':
      return ingestMessages.notUtf8(display, problem.line);
    case 'no_header':
      return ingestMessages.noHeader(display);
    case 'unclosed_quote':
      return ingestMessages.unclosedQuote(display, problem.line);
    case 'text_after_quote': {
      const name = header[problem.field - 1];
      return ingestMessages.textAfterQuote(display, problem.line, name === undefined ? `#${problem.field}` : `"${name}" (#${problem.field})`);
    }
  }
}
