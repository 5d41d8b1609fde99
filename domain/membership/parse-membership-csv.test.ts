import { describe, expect, it } from 'vitest';
import { parseCsv, parseMembershipCsv } from './parse-membership-csv.ts';

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes, CRLF and a BOM', () => {
    expect(parseCsv('\uFEFFa,"b, c","say ""hi"""\r\n1,"two\nlines",3\n')).toEqual([
      ['a', 'b, c', 'say "hi"'],
      ['1', 'two\nlines', '3'],
    ]);
  });
  it('skips blank lines and keeps a last line without a break', () => {
    expect(parseCsv('a,b\n\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
});

describe('parseMembershipCsv', () => {
  const header = 'email,name,type,valid_from,valid_to';
  it('accepts good rows', () => {
    const parsed = parseMembershipCsv(`${header}\nann@example.org,Ann,regular,2025-01-01,2025-12-31\n`);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toEqual([{ email: 'ann@example.org', name: 'Ann', type: 'regular', validFrom: '2025-01-01', validTo: '2025-12-31', line: 2 }]);
  });
  it('reports each bad row by line and field', () => {
    const parsed = parseMembershipCsv(
      [header, 'ann@example.org,Ann,,2025-01-01,2025-12-31', 'not-an-email,Bob,,2025-01-01,2025-12-31', 'c@example.org,C,,2025-02-30,2025-12-31', 'd@example.org,D,,2025-06-01,2025-01-01', ',E,,2025-01-01,2025-12-31'].join('\n'),
    );
    expect(parsed.problems).toEqual([
      { line: 3, field: 'email', code: 'INVALID_EMAIL' },
      { line: 4, field: 'validFrom', code: 'INVALID_DATE' },
      { line: 5, field: 'validTo', code: 'DATES_OUT_OF_ORDER' },
      { line: 6, field: 'email', code: 'REQUIRED' },
    ]);
    expect(parsed.rows.map((r) => r.line)).toEqual([2]);
    expect(parsed.rows[0]!.type).toBe('regular');
  });
  it('needs the email and date columns', () => {
    expect(parseMembershipCsv('email,name\nann@example.org,Ann').problems).toEqual([
      { line: 1, field: 'valid_from', code: 'MISSING_COLUMN' },
      { line: 1, field: 'valid_to', code: 'MISSING_COLUMN' },
    ]);
  });
  it('flags a repeated person and start date', () => {
    const parsed = parseMembershipCsv(`${header}\na@x.org,A,,2025-01-01,2025-12-31\nA@x.org,A,,2025-01-01,2025-12-31`);
    expect(parsed.problems).toEqual([{ line: 3, field: 'email', code: 'DUPLICATE' }]);
  });
});
