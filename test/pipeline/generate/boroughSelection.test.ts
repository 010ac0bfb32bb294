import { defaultOmissions, selectBoroughs, BoroughSelectionError } from '../../../pipeline/generate/boroughSelection.js';
import { generateMessages } from '../../../pipeline/messages/generate.js';

describe('selectBoroughs', () => {
  test('a count takes the sample boroughs first, then the rest by code', () => {
    expect(selectBoroughs('3')).toEqual(['E09000007', 'E09000012', 'E09000025']);
    expect(selectBoroughs(4)).toEqual(['E09000001', 'E09000007', 'E09000012', 'E09000025']);
    expect(selectBoroughs('33')).toHaveLength(33);
  });

  test('codes may be separated by commas or spaces and come back sorted', () => {
    expect(selectBoroughs('E09000033, E09000001')).toEqual(['E09000001', 'E09000033']);
    expect(selectBoroughs(['E09000012', 'E09000002'])).toEqual(['E09000002', 'E09000012']);
  });

  test('refuses unknown codes, repeats and counts out of range, naming the value', () => {
    expect(() => selectBoroughs('E09000034')).toThrow(new BoroughSelectionError(generateMessages.unknownBoroughs(['E09000034'])));
    expect(() => selectBoroughs('E09000007,camden')).toThrow(/"camden"/);
    expect(() => selectBoroughs('E09000007,E09000007')).toThrow(generateMessages.repeatedBorough('E09000007'));
    expect(() => selectBoroughs('0')).toThrow(generateMessages.boroughCountOutOfRange('0'));
    expect(() => selectBoroughs('34')).toThrow(BoroughSelectionError);
  });
});

describe('defaultOmissions', () => {
  test('one borough without housing benefit from two boroughs on (Newham when present), one without complaints from five on', () => {
    expect(defaultOmissions(['E09000007'])).toEqual({ withoutHousingBenefit: [], withoutComplaints: [] });
    expect(defaultOmissions(['E09000007', 'E09000012', 'E09000025'])).toEqual({ withoutHousingBenefit: ['E09000025'], withoutComplaints: [] });
    expect(defaultOmissions(['E09000002', 'E09000009'])).toEqual({ withoutHousingBenefit: ['E09000009'], withoutComplaints: [] });
    const all = selectBoroughs('33');
    expect(defaultOmissions(all)).toEqual({ withoutHousingBenefit: ['E09000025'], withoutComplaints: ['E09000001'] });
  });
});
