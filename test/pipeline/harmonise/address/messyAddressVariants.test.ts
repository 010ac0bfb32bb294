import { messyAddressVariants, type MessyForm } from '../../../../pipeline/harmonise/address/messyAddressVariants.js';

const ENTRIES = [
  { uprn: '1', address: 'Flat A, 13 Deptford High Street, London', postcode: 'SE8 4AD' },
  { uprn: '2', address: 'Ground Floor Flat, 85 Fairholt Road, London', postcode: 'N16 5EW' },
  { uprn: '3', address: 'Flat 5, Ash House, Elm Estate, London', postcode: 'E5 6NX' },
  { uprn: '4', address: '18 Southview Avenue, London', postcode: 'NW10 1RG' },
];
const NONE: Partial<Record<MessyForm, number>> = Object.fromEntries(
  (['upper-case', 'comma-after-number', 'no-commas', 'floor-words', 'flat-letter-swap', 'flat-word', 'locality', 'typo',
    'leaked-status', 'premises-name', 'trailing-full-stop', 'abbreviation', 'postcode-column-only', 'postcode-both',
    'postcode-missing', 'postcode-cut', 'postcode-contradicts'] as const).map((f) => [f, 0]),
);

describe('messyAddressVariants', () => {
  test('same entries and seed, same rows; one row per entry with its UPRN and keys from 1', () => {
    const a = messyAddressVariants(ENTRIES, { seed: 4, localities: ['Hackney'] });
    expect(messyAddressVariants(ENTRIES, { seed: 4, localities: ['Hackney'] })).toEqual(a);
    expect(a.map((r) => [r.key, r.uprn])).toEqual([[1, '1'], [2, '2'], [3, '3'], [4, '4']]);
  });

  test("with no form the address is the gazetteer's, its postcode appended", () => {
    const rows = messyAddressVariants(ENTRIES, { seed: 1, rates: NONE });
    expect(rows.map((r) => [r.address, r.postcode, r.forms])).toEqual(ENTRIES.map((e) => [`${e.address}, ${e.postcode}`, null, []]));
  });

  test('each form writes what it says', () => {
    const only = (form: MessyForm) => messyAddressVariants(ENTRIES, { seed: 2, localities: ['Hackney'], rates: { ...NONE, [form]: 1 } });
    // (a postcode is now and then written without its space)
    const squeeze = (text: string) => text.replace(/\s+/g, '');
    expect(only('no-commas').map((r) => squeeze(r.address))).toEqual(ENTRIES.map((e) => squeeze(`${e.address} ${e.postcode}`.replace(/,/g, ''))));
    expect(only('no-commas').every((r) => !r.address.includes(','))).toBe(true);
    expect(only('upper-case').every((r) => r.address === r.address.toUpperCase())).toBe(true);
    expect(only('postcode-column-only').map((r) => [r.address, r.postcode])).toEqual(ENTRIES.map((e) => [e.address, e.postcode]));
    expect(only('postcode-missing').map((r) => [r.address, r.postcode])).toEqual(ENTRIES.map((e) => [e.address, null]));
    expect(only('leaked-status').every((r) => /\n\s+\S/.test(r.address))).toBe(true);
    expect(squeeze(only('locality').map((r) => r.address)[3] ?? '')).toBe(squeeze('18 Southview Avenue, Hackney, London, NW10 1RG'));
    expect(squeeze(only('comma-after-number').map((r) => r.address)[3] ?? '')).toBe(squeeze('18, Southview Avenue, London, NW10 1RG'));
    const swapped = only('flat-letter-swap').map((r) => r.address);
    expect(['13A Deptford High Street, London, SE8 4AD', 'Flat A 13, Deptford High Street, London, SE8 4AD'].map(squeeze)).toContain(squeeze(swapped[0] ?? ''));
    expect(squeeze(swapped[2] ?? '')).toBe(squeeze('5 Ash House, Elm Estate, London, E5 6NX'));
    const contradicting = only('postcode-contradicts');
    for (const row of contradicting.filter((r) => r.forms.includes('postcode-contradicts'))) {
      expect(row.postcode).not.toBeNull();
      expect(row.address.endsWith(row.postcode ?? '')).toBe(false);
    }
  });
});
