import { parse } from 'yaml';
import { checkMapping, mappingToYaml } from '../../../pipeline/harmonise/mapping/mappingYaml.js';
import { readingOf, type Mapping } from '../../../pipeline/harmonise/mapping/Mapping.js';
import { openRawSource } from '../../../pipeline/harmonise/read/rawReaders.js';
import { joinSplitRecords } from '../../../pipeline/harmonise/read/splitRecords.js';
import { columnKeys } from '../../../pipeline/harmonise/suggest/profileFile.js';
import { standInKey } from '../../helpers/standInAddressMatcher.js';

/**
 * The one hand edit the issue allows: confirm every stated assumption
 * (confirmed: true), nothing else. Goes through the YAML a person edits, so
 * that what apply reads is what suggest wrote.
 */
export function confirmAssumptions(mapping: Mapping): Mapping {
  const yaml = mappingToYaml(mapping);
  const edited = yaml.replace(/confirmed: false/g, 'confirmed: true');
  return checkMapping(parse(edited), 'mapping.yaml');
}

/**
 * The stand-in matcher's answer key from "raw file line → UPRN": the address
 * of each such line joined as apply joins it (the mapping's address columns,
 * trimmed, ", "), with its postcode column.
 */
export async function truthByAddress(raw: string, mapping: Mapping, truth: ReadonlyMap<string, ReadonlyMap<number, string>>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const [file, lines] of truth) {
    const f = mapping.files[file];
    if (!f || f.table === 'skip') continue;
    const reader = await openRawSource(raw, file, readingOf(f));
    const records = reader.records();
    let keys: string[] | undefined;
    for (let next = records.next(); !next.done; next = records.next()) {
      if (next.value.line < f.header_line) continue;
      keys = columnKeys(next.value.fields);
      break;
    }
    if (!keys) continue;
    // Records split by a PDF conversion are matched joined, as apply reads them.
    for (const record of joinSplitRecords(records, keys.length)) {
      if (record.joinedTo !== undefined) continue;
      const uprn = lines.get(record.line);
      if (uprn === undefined) continue;
      const address = keys
        .map((k, i) => (f.columns[k]?.to === 'address' ? (record.fields[i] ?? '').trim() : ''))
        .filter((v) => v !== '')
        .join(', ');
      const pi = keys.findIndex((k) => f.columns[k]?.to === 'postcode');
      const postcode = pi >= 0 ? (record.fields[pi] ?? '').trim() : '';
      out.set(standInKey(address, postcode), uprn);
    }
  }
  return out;
}
