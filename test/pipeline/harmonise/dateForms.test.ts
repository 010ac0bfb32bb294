import { chooseDateForms, classifyDate, readDate, type DateForm } from '../../../pipeline/harmonise/values/dateForms.js';

describe('date forms of council exports', () => {
  const cases: [string, DateForm, string][] = [
    ['2019-12-06', 'YYYY-MM-DD', '2019-12-06'],
    ['2019-12-06 00:00:00', 'YYYY-MM-DD hh:mm:ss', '2019-12-06'],
    ['2019-12-06T09:30:00Z', 'YYYY-MM-DD hh:mm:ss', '2019-12-06'],
    ['06/12/2019', 'D/M/YYYY', '2019-12-06'],
    ['6/12/2019', 'D/M/YYYY', '2019-12-06'],
    ['12/6/2019', 'M/D/YYYY', '2019-12-06'],
    ['06/12/19', 'D/M/YY', '2019-12-06'],
    ['06-12-2019', 'D-M-YYYY', '2019-12-06'],
    ['06.12.2019', 'D.M.YYYY', '2019-12-06'],
    ['2019/12/06', 'YYYY/MM/DD', '2019-12-06'],
    ['06-Dec-2019', 'D MMM YYYY', '2019-12-06'],
    ['6 December 2019', 'D MMM YYYY', '2019-12-06'],
    ['06-DEC-19', 'D MMM YYYY', '2019-12-06'],
    ['Dec 6, 2019', 'MMM D, YYYY', '2019-12-06'],
    ['Fri Dec 06 2019 12:00:00 GMT+0000 (Greenwich Mean Time)', 'JS date string', '2019-12-06'],
    ['Mon Jun 01 2020 00:00:00 GMT+0100 (British Summer Time)', 'JS date string', '2020-06-01'],
    ['20191206', 'YYYYMMDD', '2019-12-06'],
    ['43805', 'Excel serial', '2019-12-06'],
  ];
  it.each(cases)('reads %s as %s', (value, form, iso) => {
    expect(classifyDate(value)).toContain(form);
    expect(readDate(value, [form])).toBe(iso);
  });

  it('never reads a date that is not on the calendar', () => {
    expect(readDate('30/02/2025', ['D/M/YYYY'])).toBeUndefined();
    expect(readDate('29/02/2024', ['D/M/YYYY'])).toBe('2024-02-29');
    expect(readDate('29/02/2023', ['D/M/YYYY'])).toBeUndefined();
    expect(readDate('05/13/2025', ['D/M/YYYY'])).toBeUndefined();
    expect(classifyDate('#VALUE!')).toEqual([]);
  });

  it('decides day or month first from the values, and says when it had to assume', () => {
    expect(chooseDateForms(new Map([['D/M/YYYY', 10], ['M/D/YYYY', 4]]))).toEqual({ forms: ['D/M/YYYY'], ambiguousDayMonth: false });
    expect(chooseDateForms(new Map([['D/M/YYYY', 4], ['M/D/YYYY', 10]]))).toEqual({ forms: ['M/D/YYYY'], ambiguousDayMonth: false });
    expect(chooseDateForms(new Map([['D/M/YYYY', 4], ['M/D/YYYY', 4]]))).toEqual({ forms: ['D/M/YYYY'], ambiguousDayMonth: true });
    expect(chooseDateForms(new Map([['D/M/YYYY', 4], ['JS date string', 1]])).forms).toEqual(['D/M/YYYY', 'JS date string']);
  });
});
