import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { CsvTableWriter, csvField } from '../../../pipeline/generate/CsvTableWriter.js';

describe('CsvTableWriter', () => {
  test('quotes only fields with a comma, quote or line break, doubling quotes', () => {
    expect(csvField('12 Acacia Road')).toBe('12 Acacia Road');
    expect(csvField('Flat 1, 2 Road')).toBe('"Flat 1, 2 Road"');
    expect(csvField('"The Laurels", 8 Elm Walk')).toBe('"""The Laurels"", 8 Elm Walk"');
    expect(csvField('=HMO/2024/1')).toBe('=HMO/2024/1');
    expect(csvField('')).toBe('');
  });

  test('writes the header, streams rows in column order with nulls for absent columns, and counts records', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hmo-csv-'));
    try {
      const path = join(dir, 't.csv');
      const writer = new CsvTableWriter(path, ['uprn', 'address', 'note']);
      const address = 'Flat 2, "Ivy House", 3 Mill Lane';
      for (let i = 0; i < 30_000; i++) writer.write({ address, uprn: String(1000 + i) });
      writer.close();
      expect(writer.rows).toBe(30_000);
      const parsed = Papa.parse<string[]>(readFileSync(path, 'utf8'), { skipEmptyLines: true });
      expect(parsed.data[0]).toEqual(['uprn', 'address', 'note']);
      expect(parsed.data).toHaveLength(30_001);
      expect(parsed.data[30_000]).toEqual(['30999', address, '']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('without a header writes records only (a part of truth.csv)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hmo-csv-'));
    try {
      const path = join(dir, 'part.csv');
      const writer = new CsvTableWriter(path, ['a', 'b'], false);
      writer.write({ a: '1', b: 'x' });
      writer.close();
      expect(readFileSync(path, 'utf8')).toBe('1,x\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
