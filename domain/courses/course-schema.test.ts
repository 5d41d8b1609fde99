import { describe, expect, it, test } from 'vitest';
import { courseSchema, mergeSections, parseAccreditation, parsePriceRows, parseQuestionRows, questionRowCount } from './course-schema.ts';

const validCourse = {
  title: 'Leadership Training Intensive',
  slug: 'spokane-2026',
  kind: 'leadership_intensive',
  startsOn: '2026-04-23',
  endsOn: '2026-04-26',
  timeZone: 'America/Los_Angeles',
  capacity: '60',
  registrationDeadline: '2026-03-12',
  currency: 'usd',
};

describe('courseSchema', () => {
  it('accepts a course and normalizes optional fields', () => {
    const parsed = courseSchema.parse({ ...validCourse, earlyPlaceLimit: '30', online: 'on' });
    expect(parsed).toMatchObject({ capacity: 60, earlyPlaceLimit: 30, earlyRateUntil: null, online: true, requiresApproval: false, currency: 'USD' });
  });
  it('refuses a bad time zone, slug, or dates out of order', () => {
    const result = courseSchema.safeParse({ ...validCourse, timeZone: 'Spokane', slug: 'Bad Slug', endsOn: '2026-04-01', registrationOpensOn: '2026-03-13' });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path[0]);
    expect(paths).toEqual(expect.arrayContaining(['timeZone', 'slug', 'endsOn', 'registrationDeadline']));
  });
  it('reads the cancellation fee in the course currency: 100 is 10000 cents, but 100 yen', () => {
    expect(courseSchema.parse({ ...validCourse, cancellationFee: '100' }).cancellationFee).toBe(10_000);
    expect(courseSchema.parse({ ...validCourse, currency: 'JPY', cancellationFee: '10000' }).cancellationFee).toBe(10_000);
    expect(courseSchema.parse({ ...validCourse, currency: 'KWD', cancellationFee: '1.250' }).cancellationFee).toBe(1_250);
    expect(courseSchema.parse({ ...validCourse, cancellationFee: '' }).cancellationFee).toBe(0);
  });
  it('refuses a fee in the wrong form for its currency, saying the form to use', () => {
    const issue = (values: Record<string, string>) => courseSchema.safeParse({ ...validCourse, ...values }).error?.issues.find((i) => i.path[0] === 'cancellationFee')?.message;
    expect(issue({ currency: 'JPY', cancellationFee: '12.50' })).toBe('JPY has no decimals: enter a whole amount, like 1250.');
    expect(issue({ cancellationFee: '1,250.00' })).toMatch(/like 1250\.00/);
    expect(issue({ cancellationFee: '-5' })).toMatch(/like 1250\.00/);
  });
  it('knows currencies by their ISO 4217 code', () => {
    const paths = (currency: string) => courseSchema.safeParse({ ...validCourse, currency }).error?.issues.map((i) => i.path[0]) ?? [];
    expect(paths('jpy')).toEqual([]);
    expect(paths('XYZ')).toEqual(['currency']);
    expect(paths('US')).toEqual(['currency']);
  });
});

describe('parsePriceRows', () => {
  const row = (i: number, key: string, label: string, early: string, regular: string, extra: Record<string, string> = {}) => ({
    [`rows.${i}.key`]: key,
    [`rows.${i}.label`]: label,
    [`rows.${i}.early`]: early,
    [`rows.${i}.regular`]: regular,
    ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [`rows.${i}.${k}`, v])),
  });
  it('reads the seed table and skips blank rows', () => {
    const result = parsePriceRows({ rowCount: '3', ...row(0, 'non_member', 'Single', '900', '975'), ...row(1, 'member', 'Member', '800', '875', { requiresMembership: 'on' }), ...row(2, '', '', '', '') }, true, 'USD');
    expect(result).toEqual({
      ok: true,
      rows: [
        { key: 'non_member', label: 'Single', early: 90000, regular: 97500, requiresMembership: false, requiresTraineeStatus: false },
        { key: 'member', label: 'Member', early: 80000, regular: 87500, requiresMembership: true, requiresTraineeStatus: false },
      ],
    });
  });
  it('reports cell problems by field', () => {
    const result = parsePriceRows({ rowCount: '2', ...row(0, 'a', 'A', '', 'x'), ...row(1, 'a', '', '1', '2') }, true, 'USD');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['rows.0.early', 'rows.0.regular', 'rows.1.key', 'rows.1.label']);
  });
  it('reads each price in the course currency (a JPY table is in yen, not hundredths of a yen)', () => {
    const yen = parsePriceRows({ rowCount: '1', ...row(0, 'member', 'Member', '125000', '150000') }, true, 'JPY');
    expect(yen.ok && yen.rows[0]).toMatchObject({ early: 125_000, regular: 150_000 });
    const refused = parsePriceRows({ rowCount: '1', ...row(0, 'member', 'Member', '1250.50', '1,500') }, true, 'JPY');
    expect(refused).toEqual({
      ok: false,
      errors: {
        'rows.0.early': 'JPY has no decimals: enter a whole amount, like 1250.',
        'rows.0.regular': 'Enter the amount in JPY as whole digits, like 1250 (no decimals, commas, spaces or currency signs).',
      },
    });
    const dinars = parsePriceRows({ rowCount: '1', ...row(0, 'member', 'Member', '', '120.500') }, false, 'KWD');
    expect(dinars.ok && dinars.rows[0]).toMatchObject({ early: null, regular: 120_500 });
  });
  it('lets the early cell be empty when the course has no early rate', () => {
    expect(parsePriceRows({ rowCount: '1', ...row(0, 'a', 'A', '', '10') }, false, 'USD').ok).toBe(true);
  });
  it('needs at least one row', () => {
    expect(parsePriceRows({ rowCount: '1' }, false, 'USD').ok).toBe(false);
  });
});

describe('parseQuestionRows', () => {
  it('keeps existing keys, makes new ones from the label, needs choices for a choice', () => {
    const existing = [{ key: 'leading_now', label: 'Leading now?', type: 'text' as const, required: false }];
    const ok = parseQuestionRows(
      {
        questionCount: '3',
        'questions.0.key': 'leading_now',
        'questions.0.label': 'Are you leading now?',
        'questions.0.type': 'textarea',
        'questions.1.label': 'Intensives before?',
        'questions.1.type': 'choice',
        'questions.1.options': 'None, One, Two or more',
        'questions.1.required': 'on',
        'questions.2.label': '',
      },
      existing,
    );
    expect(ok).toEqual({
      ok: true,
      rows: [
        { key: 'leading_now', label: 'Are you leading now?', type: 'textarea', required: false },
        { key: 'intensives_before', label: 'Intensives before?', type: 'choice', required: true, options: ['None', 'One', 'Two or more'] },
      ],
    });
    expect(parseQuestionRows({ questionCount: '1', 'questions.0.label': 'Pick', 'questions.0.type': 'choice', 'questions.0.options': 'one' }, []).ok).toBe(false);
  });
});

describe('sections and accreditation', () => {
  it('updates, appends and removes editable sections, keeping others', () => {
    const existing = [
      { key: 'overview', heading: 'Course Overview', body: 'old' },
      { key: 'venue', heading: 'Venue', body: 'hotel' },
      { key: 'participation', heading: 'Participation', body: 'all sessions' },
    ];
    expect(
      mergeSections(existing, [
        { key: 'overview', heading: 'Overview', body: 'new' },
        { key: 'participation', heading: 'Participation', body: '' },
        { key: 'schedule', heading: 'Schedule outline', body: 'Day 1' },
      ]),
    ).toEqual([
      { key: 'overview', heading: 'Course Overview', body: 'new' },
      { key: 'venue', heading: 'Venue', body: 'hotel' },
      { key: 'schedule', heading: 'Schedule outline', body: 'Day 1' },
    ]);
  });
  it('reads accreditation lines and keeps credits of a kept body', () => {
    expect(parseAccreditation('AAFP: Approved for 25 credits.\nPlain statement', [{ body: 'AAFP', statement: 'old', credits: 25 }])).toEqual([
      { body: 'AAFP', statement: 'Approved for 25 credits.', credits: 25 },
      { body: '', statement: 'Plain statement' },
    ]);
  });
});

describe('the waitlist offer hold time', () => {
  test.each([
    ['', 48],
    ['48', 48],
    ['1', 1],
    ['720', 720],
  ])('%j → %i hours', (value, hours) => {
    expect(courseSchema.parse({ ...validCourse, offerHoldHours: value }).offerHoldHours).toBe(hours);
  });
  test.each(['0', '721', '2.5', 'two days'])('%j is refused', (value) => {
    expect(courseSchema.safeParse({ ...validCourse, offerHoldHours: value }).success).toBe(false);
  });
});

// Found by the fuzzing figure (`npm run verify:resilience`): the questions page re-renders as many
// rows as the posted questionCount after an error; "1e309" was Array.from({ length: Infinity }), a 500.
describe('the number of posted question rows', () => {
  test.each([
    ['3', 3],
    ['1e309', 0],
    ['Infinity', 0],
    ['-1', 0],
    ['999', 50],
    ['2.7', 2],
    ['NaN', 0],
    [undefined, 0],
  ] as const)('%j gives %i rows', (posted, rows) => {
    expect(questionRowCount(posted)).toBe(rows);
    expect(() => Array.from({ length: questionRowCount(posted) })).not.toThrow();
  });
});
