import { describe, expect, it } from 'vitest';
import { memberFiltersFrom, membersCsv, type MemberRow } from './members.server.ts';
import { formatDues, parseDues } from './type-form.ts';

describe('dues typed per currency', () => {
  it('reads one line per currency in its minor units', () => {
    expect(parseDues('USD 150.00\nJPY 15000\r\nkwd 12.345\n\n')).toEqual({ USD: 15000, JPY: 15000, KWD: 12345 });
    expect(parseDues('')).toEqual({});
  });
  it.each(['USD', 'USD 1,50', 'USD 1.555', 'XXY 10', 'USD 10\nUSD 20', '150 USD', 'USD -5'])('refuses %j', (typed) => {
    expect(parseDues(typed)).toBeNull();
  });
  it('writes back what it reads', () => {
    const dues = { USD: 15000, JPY: 15000, KWD: 12345 };
    expect(parseDues(formatDues(dues))).toEqual(dues);
  });
});

describe('member list filters and CSV', () => {
  it('reads filters from the query; a typed number of days that is not one is a problem, not a filter', () => {
    expect(memberFiltersFrom(new URLSearchParams('type=regular&status=grace&ending=30&source=complimentary'))).toEqual({ filters: { typeKey: 'regular', status: 'grace', endingWithin: 30, source: 'complimentary' }, problem: false });
    expect(memberFiltersFrom(new URLSearchParams('status=bogus&ending=soon'))).toEqual({ filters: {}, problem: true });
  });
  it('quotes every cell and defuses formulas', () => {
    const row: MemberRow = { termId: null, name: '=HYPERLINK("x")', email: 'a@example.org', typeKey: 'regular', typeName: 'Regular', startsOn: '2026-01-01', endsOn: '2026-12-31', status: 'active', source: 'csv', grantedBy: null };
    const csv = membersCsv([row], { headers: ['Name', 'Email', 'Type', 'Status', 'From', 'To', 'Source', 'Granted by'], status: (s) => s, source: (s) => s });
    expect(csv.split('\r\n')[1]).toBe(`"'=HYPERLINK(""x"")","a@example.org","Regular","active","2026-01-01","2026-12-31","csv",""`);
  });
});
