import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectEncoding } from '../../../pipeline/harmonise/read/detectEncoding.js';
import { RawCsvReader } from '../../../pipeline/harmonise/read/RawCsvReader.js';
import { encodeFixture } from './registerFixtures.js';

describe('RawCsvReader', () => {
  let dir: string;
  let n = 0;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hmo-rawcsv-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (bytes: Buffer) => {
    const path = join(dir, `f${n++}.csv`);
    writeFileSync(path, bytes);
    return path;
  };
  const text = 'name,address\r\n"a","1 Café Row, London"\r\n"b","2 St John’s Road\nTEMPORARY EXEMPTION"\r\n\r\nc,"say ""hi"""\r\n';
  const expected = [
    { line: 1, fields: ['name', 'address'] },
    { line: 2, fields: ['a', '1 Café Row, London'] },
    { line: 3, fields: ['b', '2 St John’s Road\nTEMPORARY EXEMPTION'] },
    { line: 6, fields: ['c', 'say "hi"'] },
  ];

  for (const encoding of ['utf-8', 'utf-8-bom', 'utf-16le-bom', 'utf-16le', 'utf-16be-bom', 'windows-1252'] as const) {
    it(`reads ${encoding} with its records, physical lines and characters, in any chunk size`, () => {
      const path = file(encodeFixture(text, encoding));
      for (const chunkSize of [1 << 20, 7, 2]) expect([...new RawCsvReader(path, { chunkSize }).records()]).toEqual(expected);
    });
  }

  it('reads LF, CRLF and lone CR line ends alike', () => {
    for (const end of ['\n', '\r\n', '\r']) {
      const path = file(Buffer.from(['a,b', '1,2', '3,"x', 'y"'].join(end) + end));
      expect([...new RawCsvReader(path, { chunkSize: 3 }).records()]).toEqual([
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['1', '2'] },
        { line: 3, fields: ['3', `x${end}y`] },
      ]);
    }
  });

  it('sniffs semicolon, tab and pipe delimiters from the header', () => {
    for (const d of [';', '\t', '|']) {
      const reader = new RawCsvReader(file(Buffer.from(`a${d}"b,c"${d}d\n1${d}2${d}3\n`)));
      expect(reader.delimiter).toBe(d);
      expect([...reader.records()][0]?.fields).toEqual(['a', 'b,c', 'd']);
    }
  });

  it('is lenient where exports are sloppy, and reports a quote left open', () => {
    const reader = new RawCsvReader(file(Buffer.from('a,b\n5 "The" Grove,"x"y\n"open,z\nmore\n')));
    expect([...reader.records()]).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['5 "The" Grove', 'xy'] },
      { line: 3, fields: ['open,z\nmore\n'] },
    ]);
    expect(reader.problems).toEqual([{ line: 3, kind: 'unclosed_quote' }]);
  });

  it('tells UTF-8 from Windows-1252 by reading the whole file', () => {
    const ascii = 'a,b\n'.repeat(100_000);
    expect(detectEncoding(file(Buffer.from(`${ascii}1,2\n`))).encoding).toBe('utf-8');
    expect(detectEncoding(file(Buffer.concat([Buffer.from(ascii), Buffer.from([0x93, 0x41, 0x94, 0x0a])]))).encoding).toBe('windows-1252');
    expect(detectEncoding(file(Buffer.concat([Buffer.from(ascii), Buffer.from('é€\n', 'utf8')]))).encoding).toBe('utf-8');
  });
});
