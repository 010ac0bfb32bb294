import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MALFORMED_INDEX_LIMIT, parseRecord, scanCsv, type CsvScanResult } from '../../../pipeline/ingest/CsvScan.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hmo-scan-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeCsv(content: string | Buffer): string {
  const path = join(dir, 'file.csv');
  writeFileSync(path, content);
  return path;
}

/** Scans `content` with several chunk sizes (chunk boundaries anywhere) and checks they agree. */
function scan(content: string | Buffer): { result: CsvScanResult; normalized: string } {
  const path = join(dir, 'file.csv');
  const normalizedPath = join(dir, 'file.norm.csv');
  writeFileSync(path, content);
  let first: { result: CsvScanResult; normalized: string } | undefined;
  for (const chunkSize of [1, 2, 3, 5, 64 * 1024]) {
    const result = scanCsv(path, { normalizedPath, chunkSize });
    const normalized = result.problem ? '' : readFileSync(normalizedPath, 'utf8');
    // Once a file is unreadable only the problem matters (counts stop where it was found).
    if (first && result.problem) expect(result.problem).toEqual(first.result.problem);
    else if (first) expect({ result, normalized }).toEqual(first);
    else first = { result, normalized };
  }
  return first as { result: CsvScanResult; normalized: string };
}

describe('scanCsv counts records as section 1 says', () => {
  test('a simple LF file: header + records, final line break not a record', () => {
    const { result } = scan('a,b,c\n1,2,3\n4,5,6\n');
    expect(result).toEqual({ problem: undefined, header: ['a', 'b', 'c'], headerLine: 1, records: 2, malformedRecords: 0, malformedIndexes: [], longestRecord: 5, simple: true });
  });

  test('no final line break: the last line is still a record', () => {
    expect(scan('a,b\n1,2\n3,4').result.records).toBe(2);
  });

  test('a BOM is ignored and CRLF line ends are line ends', () => {
    const { result } = scan('\ufeffa,b\r\n1,2\r\n"3",4\r\n');
    expect(result.header).toEqual(['a', 'b']);
    expect(result.records).toBe(2);
    expect(result.simple).toBe(true);
  });

  test('simple: a CR inside quotes, escaped quotes, and a quoted line break in the LAST record keep lines derivable', () => {
    expect(scan('a,b\r\n"x\r",1\r\n"y""z","2\n3"\r\n').result).toMatchObject({ records: 2, simple: true });
  });

  test('a line break inside a quoted field does not start a record; lines stay physical', () => {
    const { result, normalized } = scan('a,b\n1,"two\nlines"\n3,4\n');
    expect(result.records).toBe(2);
    expect(result.simple).toBe(false);
    expect(normalized).toBe('__line,__fields,c0,c1\n2,2,1,"two\nlines"\n4,2,3,4\n');
  });

  test('completely empty lines (LF or CRLF) are not records, wherever they are', () => {
    const { result, normalized } = scan('\na,b\n\n1,2\r\n\r\n3,4\n\n\n');
    expect(result.records).toBe(2);
    expect(result.headerLine).toBe(2);
    expect(normalized).toBe('__line,__fields,c0,c1\n4,2,1,2\n6,2,3,4\n');
  });

  test('a line of spaces is a record (values are not trimmed), of one field', () => {
    const { result, normalized } = scan('a,b\n  \n1,2\n');
    expect(result.records).toBe(2);
    expect(result.malformedRecords).toBe(1);
    expect(normalized).toBe('__line,__fields,c0,c1\n2,1,,\n3,2,1,2\n');
  });

  test('records of the wrong field count are kept with their count, fields emptied', () => {
    const { result, normalized } = scan('a,b,c\n1,2\n1,2,3,4\n1,2,3\n');
    expect(result.malformedRecords).toBe(2);
    expect(normalized).toBe('__line,__fields,c0,c1,c2\n2,2,,,\n3,4,,,\n4,3,1,2,3\n');
  });

  test('records of the wrong field count are listed by index; the file stays simple while lines are derivable', () => {
    expect(scan('a,b,c\n1,2,3\n1,2\n1,2,3\n"x,y",2,3,"4"\n').result).toMatchObject({ malformedRecords: 2, malformedIndexes: [1, 3], simple: true });
    // After a quoted line break, record i is no longer on line header + 1 + i.
    expect(scan('a,b\n"1\n1",2\n3\n').result).toMatchObject({ malformedIndexes: [1], simple: false });
    // Too many to list in SQL: the normalized copy instead.
    const many = `a,b\n${'1\n'.repeat(MALFORMED_INDEX_LIMIT + 1)}`;
    const result = scanCsv(writeCsv(many));
    expect(result).toMatchObject({ malformedRecords: MALFORMED_INDEX_LIMIT + 1, simple: false });
    expect(result.malformedIndexes).toHaveLength(MALFORMED_INDEX_LIMIT);
  });

  test('a quote inside an unquoted field is literal; a lone CR is data; both re-quoted in the copy', () => {
    const { result, normalized } = scan('a,b\nab"c,d\nx\ry,""\n');
    expect(result.records).toBe(2);
    expect(normalized).toBe('__line,__fields,c0,c1\n2,2,"ab""c","d"\n3,2,"x\ry",\n');
  });

  test('a header-only file is a valid empty table', () => {
    expect(scan('a,b\n').result).toMatchObject({ problem: undefined, records: 0, simple: true });
  });

  test('quoted header names are unquoted', () => {
    expect(scan('"a","b ""x"""\n').result.header).toEqual(['a', 'b "x"']);
  });
});

describe('scanCsv finds what makes a file unreadable, with its line', () => {
  test.each([
    ['an empty file', ''],
    ['a byte-order mark alone', '\ufeff'],
    ['blank lines alone', '\n\r\n\n'],
  ])('no header: %s', (_name, content) => {
    expect(scan(content).result.problem).toEqual({ kind: 'no_header' });
  });

  test('a quote left open: the line where it opened', () => {
    expect(scan('a,b\n1,2\n3,"4\n5,6\n').result.problem).toEqual({ kind: 'unclosed_quote', line: 3 });
  });

  test('text after a closing quote: its line and field', () => {
    expect(scan('a,b\n1,2\n"3"x,4\n').result.problem).toEqual({ kind: 'text_after_quote', line: 3, field: 1 });
    expect(scan('a,b\n1,"2\n2"x\n').result.problem).toEqual({ kind: 'text_after_quote', line: 3, field: 2 });
  });

  test('not UTF-8: the line of the first bad byte', () => {
    expect(scan(Buffer.from([0x61, 0x0a, 0x62, 0x0a, 0xff, 0x0a])).result.problem).toEqual({ kind: 'not_utf8', line: 3 });
    expect(scan(Buffer.from('a\n\u00e9t\u00e9\n', 'utf8')).result.problem).toBeUndefined();
    // A multi-byte character cut at the end of the file.
    expect(scan(Buffer.from([0x61, 0x0a, 0xc3])).result.problem?.kind).toBe('not_utf8');
  });
});

test('the longest record is measured across chunks (bytes up to its LF: quoted line breaks and the CR of a CRLF count)', () => {
  expect(scan('a,b\n1,"22\n22"\r\n333,4\n').result.longestRecord).toBe(10);
});

test('parseRecord: quotes removed, doubled quotes undoubled, empty fields kept', () => {
  expect(parseRecord(Buffer.from('a,"b,c","d""e",,""'))).toEqual(['a', 'b,c', 'd"e', '', '']);
  expect(parseRecord(Buffer.from('x,'))).toEqual(['x', '']);
});
