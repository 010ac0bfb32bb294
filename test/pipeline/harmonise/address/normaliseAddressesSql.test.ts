import { Duck } from '../../../../pipeline/db/Duck.js';
import { normaliseAddressesSql } from '../../../../pipeline/harmonise/address/normaliseAddressesSql.js';

interface Parts {
  pc_text: string | null;
  pc_col: string | null;
  pc_cut: string | null;
  pc_state: string;
  flat: string | null;
  floor: string | null;
  num: string | null;
  pre: string | null;
  street: string | null;
}

async function normalise(rows: readonly (readonly [string, string | null])[]): Promise<Parts[]> {
  const db = await Duck.open();
  try {
    await db.run('CREATE TABLE r (key BIGINT, address VARCHAR, postcode VARCHAR)');
    const appender = await db.connection.createAppender('r');
    rows.forEach(([address, postcode], i) => {
      appender.appendBigInt(BigInt(i + 1));
      appender.appendVarchar(address);
      if (postcode === null) appender.appendNull();
      else appender.appendVarchar(postcode);
      appender.endRow();
    });
    appender.closeSync();
    await db.run(normaliseAddressesSql('r', 'n'));
    return await db.all<Parts>('SELECT pc_text, pc_col, pc_cut, pc_state, flat, floor, num, pre, street FROM n ORDER BY key');
  } finally {
    db.close();
  }
}

describe('normaliseAddressesSql', () => {
  test("the issue's pairs written two ways give the same flat, number and street", async () => {
    const pairs: [string, string][] = [
      ['1 Sanford Walk, London, N16 7LB', '1, Sanford Walk, Hackney, London, N16 7LB'],
      ['Flat 1 3 Henry Road, London, N4 2LH', 'Flat 1 3, Henry Road, Hackney, London, N4 2LH'],
      ['Flat, 1, 13A Deptford High Street, London, SE8 4AD.', '1 Flat 13a, Deptford High Street, London, SE8 4AD'],
    ];
    const parts = await normalise(pairs.flat().map((a) => [a, null] as const));
    for (let i = 0; i < parts.length; i += 2) {
      const [a, b] = [parts[i], parts[i + 1]];
      expect(a).toEqual(b);
      expect(a?.pc_state).toBe('text');
    }
    expect(parts[4]).toMatchObject({ flat: '1', num: '13A', street: 'DEPTFORD HIGH STREET', pc_text: 'SE8 4AD' });
  });

  test('379A and Flat A 379: the letter is kept on the number, or read as the flat', async () => {
    const [a, b] = await normalise([
      ['379A Lewisham High Street, Hither Green, London, SE13 6NZ.', null],
      ['Flat A 379, Lewisham High Street, Hither Green, London, SE13 6NZ', null],
    ]);
    expect(a).toMatchObject({ flat: null, num: '379A', street: 'LEWISHAM HIGH STREET' });
    expect(b).toMatchObject({ flat: 'A', num: '379', street: 'LEWISHAM HIGH STREET' });
  });

  test('floors, flat words, ranges, typos of mezzanine, premises names, no commas', async () => {
    const parts = await normalise([
      ['Ground Floor Flat 85, Foo Rd', null],
      ['Lower Ground Floor Flat A 19, Bar St, London', null],
      ['Flat C 152-154, High St, London', null],
      ['Bedsit A, 12 Ash Grove', null],
      ['Mezzzanine Floor Flat 2 114 Kings Road', null],
      ['The Laurels, 12 Foo Road, London', null],
      ['54 Egham Road Plaistow London E13 8PD', null],
      ['FLAT 1 ASH HOUSE ELM ESTATE LONDON E5 6NX', null],
      ['Apt 5 Ash Court 23 Foo Rd', null],
      ['GFF, 85 Foo Road', null],
    ]);
    expect(parts[0]).toMatchObject({ flat: 'floor_0', floor: 'floor_0', num: '85', street: 'FOO ROAD' });
    expect(parts[1]).toMatchObject({ flat: 'A', floor: 'floor_lg', num: '19', street: 'BAR STREET' });
    expect(parts[2]).toMatchObject({ flat: 'C', num: '152-154', street: 'HIGH STREET' });
    expect(parts[3]).toMatchObject({ flat: 'A', num: '12', street: 'ASH GROVE' });
    expect(parts[4]).toMatchObject({ flat: '2', floor: 'floor_m', num: '114', street: 'KINGS ROAD' });
    expect(parts[5]).toMatchObject({ flat: null, num: '12', pre: 'THE LAURELS', street: 'FOO ROAD' });
    expect(parts[6]).toMatchObject({ num: '54', street: 'EGHAM ROAD PLAISTOW', pc_text: 'E13 8PD' });
    expect(parts[7]).toMatchObject({ flat: '1', num: null, pre: 'ASH HOUSE ELM ESTATE', pc_text: 'E5 6NX' });
    expect(parts[8]).toMatchObject({ flat: '5', num: '23', pre: 'ASH COURT', street: 'FOO ROAD' });
    expect(parts[9]).toMatchObject({ flat: 'floor_0', num: '85', street: 'FOO ROAD' });
  });

  test('postcodes: in the text, in the column, both agreeing or not, cut short, status text leaked after a newline', async () => {
    const parts = await normalise([
      ['12 Holly Street, London, N19 3JX\n                                    TEMPORARY EXEMPTION', null],
      ['117 Candy Street, London', 'e3 2lb'],
      ['FLAT 2, 39 Cricklewood Broadway, London NW2 3JX', 'NW2 3JY'],
      ['FLAT 2, 39 Cricklewood Broadway, London NW23JX', 'nw2 3jx'],
      ['12 Holly Street, London, N', null],
      ['12 Holly Street', null],
    ]);
    expect(parts[0]).toMatchObject({ pc_text: 'N19 3JX', pc_state: 'text', street: 'HOLLY STREET' });
    expect(parts[1]).toMatchObject({ pc_col: 'E3 2LB', pc_state: 'column' });
    expect(parts[2]).toMatchObject({ pc_text: 'NW2 3JX', pc_col: 'NW2 3JY', pc_state: 'conflict', flat: '2', num: '39' });
    expect(parts[3]).toMatchObject({ pc_text: 'NW2 3JX', pc_col: 'NW2 3JX', pc_state: 'agree' });
    expect(parts[4]).toMatchObject({ pc_cut: 'N', pc_state: 'cut', street: 'HOLLY STREET' });
    expect(parts[5]).toMatchObject({ pc_state: 'missing', street: 'HOLLY STREET' });
  });
});
