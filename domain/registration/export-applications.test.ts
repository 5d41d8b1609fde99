import { describe, expect, it } from 'vitest';
import { summarize } from '#domain/money/account.ts';
import { en } from '#lib/i18n/en.ts';
import { validAnswers } from '../../tests/helpers/fixtures.ts';
import { applicationsCsv, csvCell, EXPORT_COLUMNS, toCsv, type ExportColumn, type ExportWords } from './export-applications.ts';
import type { Registration } from './place-registration.server.ts';

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['with, comma', '"with, comma"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+1 555', "'+1 555"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    [' padded ', '" padded "'],
    ['-120.00', '-120.00'],
    ['-1', '-1'],
    ['', ''],
  ])('%j → %s', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('leaves numbers alone and writes null as empty', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
  });
});

describe('toCsv', () => {
  it('joins rows with CRLF and ends with one', () => {
    expect(toCsv([['a', 'b'], ['c,d', '=1']])).toBe(`a,b\r\n"c,d",'=1\r\n`);
  });
});

// The route's words, from the same catalog (lib/i18n/en).
const staff = en.staffApplications as Record<string, string>;
const words: ExportWords = {
  headers: en.staffExport as Record<ExportColumn, string>,
  status: (s) => staff[`status_${s}`]!,
  tier: (tier) => (en.staffPrices as Record<string, string>)[tier]!,
  membershipCheck: (c) => staff[`membership_${c}`]!,
  yes: staff.yes!,
  no: staff.no!,
};

function registration(overrides: Partial<Registration>): Registration {
  return {
    id: 'r1',
    name: 'Ada Lovelace',
    email: 'ada@example.org',
    status: 'submitted',
    categoryKey: 'non_member',
    tier: 'early',
    currency: 'USD',
    amountMinor: 90000,
    baseAmountMinor: 90000,
    discountMinor: 0,
    membershipCheck: 'not_needed',
    answers: validAnswers(),
    policy: { categoryLabel: 'Single Registration' },
    decisionMessage: null,
    submittedAt: new Date('2025-02-01T18:00:00Z'),
    ...overrides,
  } as Registration;
}

function parse(csv: string): Record<string, string>[] {
  const [header, ...rows] = csv.trimEnd().split('\r\n').map((line) => line.split(','));
  return rows.map((row) => Object.fromEntries(header!.map((h, i) => [h, row[i] ?? ''])));
}

describe('applicationsCsv', () => {
  const paidInPart = summarize([
    { kind: 'charge', amountMinor: 90000 },
    { kind: 'aid_award', amountMinor: -50000 },
    { kind: 'payment', amountMinor: -30000 },
  ]);
  const overpaid = summarize([
    { kind: 'charge', amountMinor: 90000 },
    { kind: 'aid_award', amountMinor: -50000 },
    { kind: 'payment', amountMinor: -90000 },
  ]);

  it('writes statuses, tiers, membership checks and yes/no in words, never as codes', () => {
    const csv = applicationsCsv([registration({ status: 'submitted', membershipCheck: 'not_needed' }), registration({ id: 'r2', status: 'waitlisted', tier: 'regular', membershipCheck: 'to_verify' })], words, {
      accounts: new Map(),
      traineeCategories: new Set(),
    });
    const [a, b] = parse(csv);
    expect(a!.Status).toBe('Awaiting review');
    expect(a!['Membership check']).toBe('Not needed');
    expect(a!.Tier).toBe('Early rate');
    expect(a!['Clinically active']).toBe('Yes');
    expect(b!.Status).toBe('Waitlisted');
    expect(b!['Membership check']).toBe('To verify');
    expect(b!.Tier).toBe('Regular rate');
    expect(csv).not.toMatch(/\b(submitted|not_needed|to_verify|waitlisted)\b/);
  });

  it('takes what is owed, paid and still due from the ledger, as plain decimals', () => {
    const csv = applicationsCsv([registration({ id: 'r1' }), registration({ id: 'r2', name: 'Grace Hopper' }), registration({ id: 'r3', name: 'No entries' })], words, {
      accounts: new Map([
        ['r1', paidInPart],
        ['r2', overpaid],
      ]),
      traineeCategories: new Set(),
    });
    const [a, b, none] = parse(csv);
    expect(a).toMatchObject({ 'Price at submission': '900.00', 'Amount due': '400.00', Paid: '300.00', 'Balance due': '100.00', Currency: 'USD' });
    // Owed back after an award: a negative balance, still a number to a spreadsheet.
    expect(b).toMatchObject({ 'Amount due': '400.00', Paid: '900.00', 'Balance due': '-500.00' });
    expect(none).toMatchObject({ 'Amount due': '0.00', Paid: '0.00', 'Balance due': '0.00' });
  });

  it('uses the currency’s own minor units (JPY has none)', () => {
    const yen = summarize([{ kind: 'charge', amountMinor: 12000 }]);
    const [row] = parse(applicationsCsv([registration({ currency: 'JPY', amountMinor: 12000 })], words, { accounts: new Map([['r1', yen]]), traineeCategories: new Set() }));
    expect(row).toMatchObject({ 'Price at submission': '12000', 'Amount due': '12000', 'Balance due': '12000' });
  });

  it('shows the training program only where a trainee category asks for it', () => {
    const answers = validAnswers({ trainingProgram: 'Spokane FM Residency', traineeAttested: true });
    const stray = validAnswers({ trainingProgram: 'typed by a physician anyway' });
    const both = [registration({ id: 't', categoryKey: 'trainee', answers }), registration({ id: 'p', categoryKey: 'non_member', answers: stray })];
    const [trainee, physician] = parse(applicationsCsv(both, words, { accounts: new Map(), traineeCategories: new Set(['trainee']) }));
    expect(trainee!['Training program']).toBe('Spokane FM Residency');
    expect(physician!['Training program']).toBe('');
    // A course without trainee rates has no such column at all.
    const without = applicationsCsv(both, words, { accounts: new Map(), traineeCategories: new Set() });
    expect(without.split('\r\n')[0]).not.toContain('Training program');
    expect(without).not.toContain('typed by a physician anyway');
  });

  it('has a header for every column', () => {
    for (const column of EXPORT_COLUMNS) expect(words.headers[column], column).toBeTruthy();
  });
});
