import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { RawCsvReader } from '../../harmonise/read/RawCsvReader.js';
import { loadSchema, type ColumnSpec, type TableName } from '../../standard/schema.js';
import { Random } from '../../util/Random.js';
import type { RawStyle } from './RawStyle.js';
import { addressLines, councilNumber, inventedSurname, rawAddress, rawDate } from './rawValues.js';

export interface RawBoroughJob {
  readonly code: string;
  readonly name: string;
  readonly seed: number;
  /** The borough's folder in the generated (clean) drop. */
  readonly dropDir: string;
  /** Receives the raw exports. */
  readonly rawDir: string;
  /** Receives the gazetteer (properties.csv). */
  readonly gazetteerDir: string;
  /** Where this borough's truth records go (no header). */
  readonly truthPart: string;
  readonly style: RawStyle;
}

export interface RawBoroughSummary {
  readonly code: string;
  readonly style: string;
  /** Raw rows written per raw file. */
  readonly files: Record<string, number>;
  /** Rows written with an address and no UPRN. */
  readonly addressOnly: number;
  readonly rows: number;
}

export const RAW_TRUTH_COLUMNS = ['borough_code', 'file', 'line', 'uprn'] as const;

const CHUNK = 1 << 20;
const NEEDS_QUOTES = /[",\r\n\t]/;

/** Streams text to a file in the style's encoding, in ~1 MiB chunks. */
class EncodedWriter {
  private buffer = '';
  private readonly fd: number;
  constructor(
    path: string,
    private readonly encoding: RawStyle['encoding'],
  ) {
    this.fd = openSync(path, 'w');
    if (encoding === 'utf-8-bom') writeSync(this.fd, Buffer.from([0xef, 0xbb, 0xbf]));
    if (encoding === 'utf-16le-bom') writeSync(this.fd, Buffer.from([0xff, 0xfe]));
  }
  write(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= CHUNK) this.flush();
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
  private flush(): void {
    if (this.buffer === '') return;
    writeSync(this.fd, encode(this.buffer, this.encoding));
    this.buffer = '';
  }
}

const WINDOWS_1252: Record<string, number> = { '€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97 };

function encode(text: string, encoding: RawStyle['encoding']): Buffer {
  if (encoding === 'utf-16le-bom') return Buffer.from(text, 'utf16le');
  if (encoding !== 'windows-1252') return Buffer.from(text, 'utf8');
  const out = Buffer.alloc(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[i] = c < 0x80 || (c >= 0xa0 && c < 0x100) ? c : (WINDOWS_1252[text[i] as string] ?? 0x3f);
  }
  return out;
}

function field(value: string, delimiter: string): string {
  return NEEDS_QUOTES.test(value) || value.includes(delimiter) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * Writes one generated borough as its council's systems would export it:
 * one raw file per table of the drop (except properties, which becomes the
 * gazetteer), in the style's column names, encoding, line ends, date forms,
 * code spellings and address forms; people's identifiers as council numbers
 * and invented surnames; names, phones and e-mails of invented people in the
 * columns a system would carry them (for `suggest` to drop). Rows carry an
 * address and, where the style has a UPRN column, now and then a UPRN. The
 * truth part records, per raw row (file and physical line), the UPRN it is.
 *
 * @example
 *   writeRawBorough({ code: 'E09000012', name: 'Hackney', seed: 7, dropDir: 'g/drop/E09000012', rawDir: 'g/raw/E09000012',
 *     gazetteerDir: 'g/gazetteer/E09000012', truthPart: 'g/.raw_truth/E09000012.csv', style: rawStyle('default')! });
 */
export function writeRawBorough(job: RawBoroughJob): RawBoroughSummary {
  const schema = loadSchema();
  const { style } = job;
  const rng = new Random(job.seed).fork(job.code).fork(`raw/${style.name}`);
  mkdirSync(job.rawDir, { recursive: true });
  mkdirSync(job.gazetteerDir, { recursive: true });
  writeGazetteer(join(job.dropDir, 'properties.csv'), join(job.gazetteerDir, 'properties.csv'));
  const manifest = JSON.parse(readFileSync(join(job.dropDir, 'manifest.json'), 'utf8')) as { extract_date: string; tables: Record<string, { file: string }> };
  const fileDate = style.fileDate === 'YYYYMMDD' ? manifest.extract_date.replaceAll('-', '') : manifest.extract_date;

  // The gazetteer: uprn → address and postcode (one borough at a time: memory bounded by the largest borough).
  const properties = new Map<string, { address: string; postcode: string }>();
  {
    const records = new RawCsvReader(join(job.dropDir, 'properties.csv'), { encoding: 'utf-8', delimiter: ',' }).records();
    const first = records.next();
    const header: string[] = first.done ? [] : first.value.fields;
    const u = header.indexOf('uprn');
    const a = header.indexOf('address');
    const p = header.indexOf('postcode');
    for (let next = records.next(); !next.done; next = records.next()) {
      const f = next.value.fields;
      if (f.length !== header.length) continue;
      const uprn = f[u] ?? '';
      if (/^[1-9][0-9]{0,11}$/.test(uprn) && !properties.has(uprn)) properties.set(uprn, { address: f[a] ?? '', postcode: f[p] ?? '' });
    }
  }
  const postcodes = [...new Set([...properties.values()].map((p) => p.postcode))].sort();
  const surnames = new Map<string, string>();
  const truth = openSync(job.truthPart, 'w');
  let truthBuffer = '';
  const files: Record<string, number> = {};
  let addressOnly = 0;
  let total = 0;

  for (const spec of schema.tables) {
    const tableStyle = style.tables[spec.name as TableName];
    const source = manifest.tables[spec.name];
    if (spec.name === 'properties' || !tableStyle || !source || !existsSync(join(job.dropDir, source.file))) continue;
    const fileName = tableStyle.file.replace('{date}', fileDate);
    const out = new EncodedWriter(join(job.rawDir, fileName), style.encoding);
    const d = style.delimiter;
    out.write(tableStyle.columns.map((c) => field(c.header, d)).join(d) + style.lineEnd);
    const tableRng = rng.fork(spec.name);
    const records = new RawCsvReader(join(job.dropDir, source.file), { encoding: 'utf-8', delimiter: ',' }).records();
    const first = records.next();
    const header: string[] = first.done ? [] : first.value.fields;
    const at = new Map<string, number>(header.map((h, i) => [h, i]));
    const hasUprnColumn = tableStyle.columns.some((c) => c.holds === 'uprn');
    const specs = new Map(spec.columns.map((c) => [c.name, c]));
    let line = 2;
    let rows = 0;
    let ref = 0;
    for (let next = records.next(); !next.done; next = records.next()) {
      const f = next.value.fields;
      const value = (name: string) => f[at.get(name) ?? -1] ?? '';
      const uprn = value('uprn');
      const property = properties.get(uprn);
      const place = property
        ? rawAddress(property.address, property.postcode, job.name, style, tableRng)
        : { address: `${tableRng.int(1, 400)} Nowhere Place, London${style.address.postcode === 'inside' ? `, ${postcodes[tableRng.int(0, postcodes.length)] ?? ''}` : ''}`, postcode: style.address.postcode === 'inside' ? '' : (postcodes[tableRng.int(0, postcodes.length)] ?? '') };
      if (style.address.upper) place.address = place.address.toUpperCase();
      const lines = property ? addressLines(property.address) : addressLines(place.address);
      const uprnFilled = hasUprnColumn && property !== undefined && tableRng.uniform() < style.uprnFilled;
      ref += 1;
      const cells = tableStyle.columns.map((c) => {
        switch (c.holds) {
          case 'address':
            return place.address;
          case 'address_line1':
            return lines[0];
          case 'address_line2':
            return lines[1];
          case 'address_line3':
            return lines[2];
          case 'postcode':
            return style.address.postcode === 'inside' ? (property?.postcode ?? place.postcode) : place.postcode;
          case 'uprn':
            return uprnFilled ? uprn : '';
          case 'person_name':
            return `${tableRng.pick(['A.', 'B.', 'C.', 'D.', 'J.', 'M.', 'S.'])} ${inventedSurname(tableRng.int(0, 5000))}`;
          case 'phone':
            return `07700 9${String(tableRng.int(0, 100000)).padStart(5, '0')}`;
          case 'email':
            return `resident${tableRng.int(0, 1_000_000)}@example.org`;
          case 'council_ref':
            return `PI/${String(ref).padStart(9, '0')}`;
          case 'blank':
            return '';
          default:
            return standardValue(spec.name, specs.get(c.holds), value(c.holds), style, tableRng, surnames);
        }
      });
      // A record of the drop with the wrong field count stays malformed in the raw export (one field short).
      const text = f.length === header.length ? cells.map((v) => field(v, d)).join(d) : cells.slice(0, -1).map((v) => field(v, d)).join(d);
      out.write(text + style.lineEnd);
      const known = property !== undefined && f.length === header.length;
      truthBuffer += `${job.code},${field(fileName, ',')},${line},${known ? uprn : ''}\n`;
      if (truthBuffer.length >= CHUNK) {
        writeSync(truth, truthBuffer);
        truthBuffer = '';
      }
      if (!(uprnFilled && known)) addressOnly += 1;
      line += 1 + (text.match(/\n/g)?.length ?? 0);
      rows += 1;
    }
    out.close();
    files[fileName] = rows;
    total += rows;
  }
  writeSync(truth, truthBuffer);
  closeSync(truth);
  return { code: job.code, style: style.name, files, addressOnly, rows: total };
}

/**
 * The borough's gazetteer as its systems hold it: the drop's properties.csv
 * with each landlord_ref written as the council's own landlord number (the
 * one its housing benefit export carries), not the drop's pseudonym; `apply`
 * pseudonymises both under the borough's key. Every other field, and every
 * malformed record, as in the drop.
 */
function writeGazetteer(from: string, to: string): void {
  const records = new RawCsvReader(from, { encoding: 'utf-8', delimiter: ',' }).records();
  const first = records.next();
  const header: string[] = first.done ? [] : first.value.fields;
  const landlordAt = header.indexOf('landlord_ref');
  const out = new EncodedWriter(to, 'utf-8');
  out.write(`${header.map((h) => field(h, ',')).join(',')}\n`);
  for (let next = records.next(); !next.done; next = records.next()) {
    const f = [...next.value.fields];
    if (landlordAt >= 0 && f.length === header.length && f[landlordAt] !== '') f[landlordAt] = councilNumber('LL', f[landlordAt] as string);
    out.write(`${f.map((v) => field(v, ',')).join(',')}\n`);
  }
  out.close();
}

function standardValue(table: string, spec: ColumnSpec | undefined, value: string, style: RawStyle, rng: Random, surnames: Map<string, string>): string {
  if (!spec || value === '') return value;
  const column = spec.name;
  // A value the standard rejects for its form (a fault of the drop) is written as a spreadsheet error, which
  // no reading can take for a value: it stays a fault, and the harmonised drop loses the same rows as the clean one.
  if (!wellFormed(spec.type, value, spec.values)) return SHEET_ERROR;
  switch (spec.type) {
    case 'date':
      return rawDate(value, style.dates, rng);
    case 'boolean':
      return value === 'true' ? style.booleans[0] : value === 'false' ? style.booleans[1] : value;
    case 'enum':
      return style.codes[`${table}.${column}`]?.[value] ?? value;
    case 'pseudonym': {
      if (column === 'surname_key') {
        let name = surnames.get(value);
        if (name === undefined) {
          name = inventedSurname(surnames.size);
          surnames.set(value, name);
        }
        return style.address.upper ? name.toUpperCase() : name;
      }
      const prefix = { account_ref: 'CT', elector_ref: 'EL', claim_ref: 'HB', landlord_ref: 'LL' }[column] ?? '';
      return councilNumber(prefix, value);
    }
    default:
      return value;
  }
}

/** What a spreadsheet writes in a cell whose formula failed. */
export const SHEET_ERROR = '#VALUE!';

function wellFormed(type: string, value: string, values: readonly string[] | undefined): boolean {
  switch (type) {
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(value);
    case 'boolean':
      return value === 'true' || value === 'false';
    case 'enum':
      return (values ?? []).includes(value);
    case 'integer':
      return /^-?[0-9]+$/.test(value);
    case 'number':
      return /^-?([0-9]+(\.[0-9]*)?|\.[0-9]+)$/.test(value);
    default:
      return true;
  }
}
