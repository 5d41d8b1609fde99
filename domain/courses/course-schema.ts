// The staff course forms' schemas, shared by the browser (instant feedback) and the actions.
import { z } from 'zod';
import type { AccreditationStatement, CourseKind, CourseSection, CustomQuestion, CustomQuestionType } from '#db/schema/courses.ts';
import { t } from '#lib/i18n.ts';
import { isCalendarDate } from '#lib/dates.ts';
import { amountMessage, isCurrency, parseAmount } from '#lib/money.ts';

export const COURSE_KINDS: readonly CourseKind[] = ['leadership_intensive', 'balint_weekend', 'online_series', 'demonstration'];
/** The public sections staff edit here; other sections of a course are kept as they are. */
export const EDITABLE_SECTIONS = ['overview', 'schedule', 'target_audience', 'faculty_note', 'registration_fees', 'cancellation_policy', 'participation', 'accreditation'] as const;

export const isIsoDate = isCalendarDate;

export function isTimeZone(value: string): boolean {
  if (!value.includes('/') && value !== 'UTC') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const date = () => z.string().trim().refine(isIsoDate, { message: t('staffCourses.invalidDate') });
const optionalDate = () =>
  z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || isIsoDate(v), { message: t('staffCourses.invalidDate') })
    .transform((v) => (v === '' ? null : v));
const optionalCount = () =>
  z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || /^\d{1,6}$/.test(v), { message: t('staffCourses.invalidNumber') })
    .transform((v) => (v === '' ? null : Number(v)));
const checkbox = () =>
  z
    .string()
    .optional()
    .transform((v) => v === 'on');
const text = (max: number) => z.string().trim().max(max).default('');

export const courseSchema = z
  .object({
    title: z.string().trim().min(3).max(200),
    slug: z
      .string()
      .trim()
      .min(3)
      .max(80)
      .refine((v) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(v), { message: t('staffCourses.invalidSlug') }),
    kind: z.enum(['leadership_intensive', 'balint_weekend', 'online_series', 'demonstration']),
    tagline: text(300),
    startsOn: date(),
    endsOn: date(),
    timeZone: z.string().trim().min(1).refine(isTimeZone, { message: t('staffCourses.invalidTimeZone') }),
    online: checkbox(),
    venueName: text(200),
    venueAddress: text(300),
    city: text(120),
    region: text(120),
    country: text(120),
    capacity: z
      .string()
      .trim()
      .min(1)
      .refine((v) => /^\d{1,5}$/.test(v) && Number(v) > 0, { message: t('staffCourses.invalidNumber') })
      .transform(Number),
    earlyPlaceLimit: optionalCount(),
    earlyRateUntil: optionalDate(),
    registrationOpensOn: optionalDate(),
    registrationDeadline: date(),
    cancellationDeadline: optionalDate(),
    // Read in the course's currency below, once the currency is known: 900 is 90000 cents but 900 yen.
    cancellationFee: z.string().trim().default(''),
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .refine(isCurrency, { message: t('staffCourses.invalidCurrency') }),
    requiresApproval: checkbox(),
    offerHoldHours: z
      .string()
      .trim()
      .default('48')
      .refine((v) => v === '' || (/^\d{1,3}$/.test(v) && Number(v) >= 1 && Number(v) <= 720), { message: t('staffCourses.invalidHoldHours') })
      .transform((v) => (v === '' ? 48 : Number(v))),
    section_overview: text(20000),
    section_schedule: text(20000),
    section_target_audience: text(20000),
    section_faculty_note: text(20000),
    section_registration_fees: text(20000),
    section_cancellation_policy: text(20000),
    section_participation: text(20000),
    section_accreditation: text(20000),
    goals: text(10000),
    accreditation: text(10000),
  })
  .superRefine((c, ctx) => {
    if (c.cancellationFee !== '' && isCurrency(c.currency)) {
      const fee = parseAmount(c.cancellationFee, c.currency, { allowZero: true });
      if (!fee.ok) ctx.addIssue({ code: 'custom', path: ['cancellationFee'], message: amountMessage(fee.problem, c.currency) });
    }
    if (c.endsOn < c.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: t('staffCourses.endBeforeStart') });
    if (c.registrationOpensOn && c.registrationDeadline < c.registrationOpensOn)
      ctx.addIssue({ code: 'custom', path: ['registrationDeadline'], message: t('staffCourses.deadlineBeforeOpening') });
  })
  .transform(({ cancellationFee, ...c }) => {
    const fee = cancellationFee === '' ? undefined : parseAmount(cancellationFee, c.currency, { allowZero: true });
    return { ...c, cancellationFee: fee?.ok ? fee.minor : 0 };
  });

export type CourseForm = z.output<typeof courseSchema>;

/** Edits to the editable sections: an empty body removes the section, others update or append. */
export function mergeSections(existing: CourseSection[], edits: { key: string; heading: string; body: string }[]): CourseSection[] {
  const result = existing.filter((s) => !edits.some((e) => e.key === s.key && e.body === ''));
  for (const edit of edits) {
    if (edit.body === '') continue;
    const at = result.findIndex((s) => s.key === edit.key);
    if (at >= 0) result[at] = { ...result[at]!, body: edit.body };
    else result.push({ key: edit.key, heading: edit.heading, body: edit.body });
  }
  return result;
}

export function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/** "AAFP: statement" per line; credits and approval dates of a kept body survive the edit. */
export function parseAccreditation(text: string, existing: AccreditationStatement[]): AccreditationStatement[] {
  return lines(text).map((line) => {
    const colon = line.indexOf(': ');
    const body = colon > 0 && colon <= 40 ? line.slice(0, colon) : '';
    const statement = body ? line.slice(colon + 2) : line;
    const before = existing.find((a) => a.body === body);
    return { ...(before ?? {}), body, statement };
  });
}

export function accreditationText(statements: AccreditationStatement[]): string {
  return statements.map((a) => (a.body ? `${a.body}: ${a.statement}` : a.statement)).join('\n');
}

/** A stable key from text: lower-case words joined by underscores. */
export function keyFrom(text: string, taken: Set<string>): string {
  const base =
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40) || 'item';
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
  taken.add(key);
  return key;
}

// Price table rows, posted as rows.N.field.
export interface PriceRowInput {
  key: string;
  label: string;
  early: number | null;
  regular: number;
  requiresMembership: boolean;
  requiresTraineeStatus: boolean;
}

export type RowsResult<T> = { ok: true; rows: T[] } | { ok: false; errors: Record<string, string> };

/** The price table's rows, each amount read in the course's currency. */
export function parsePriceRows(values: Record<string, string>, needsEarly: boolean, currency: string): RowsResult<PriceRowInput> {
  const count = postedRowCount(values.rowCount, 50);
  const rows: PriceRowInput[] = [];
  const errors: Record<string, string> = {};
  const keys = new Set<string>();
  for (let i = 0; i < count; i++) {
    const get = (f: string) => (values[`rows.${i}.${f}`] ?? '').trim();
    const [key, label, early, regular] = [get('key'), get('label'), get('early'), get('regular')];
    if (key === '' && label === '' && early === '' && regular === '') continue;
    const at = (f: string) => `rows.${i}.${f}`;
    if (label === '') errors[at('label')] = t('form.required');
    else if (label.length > 200) errors[at('label')] = t('form.tooLong', { max: 200 });
    if (!/^[a-z0-9_]{1,40}$/.test(key)) errors[at('key')] = key === '' ? t('form.required') : t('staffPrices.keyHint');
    else if (keys.has(key)) errors[at('key')] = t('staffPrices.duplicateKey');
    keys.add(key);
    // A price may be zero (a free place for faculty), never negative or in the wrong form.
    const regularAmount = parseAmount(regular, currency, { allowZero: true });
    if (regular === '') errors[at('regular')] = t('staffPrices.earlyWithoutRegular');
    else if (!regularAmount.ok) errors[at('regular')] = amountMessage(regularAmount.problem, currency);
    const earlyAmount = early === '' ? null : parseAmount(early, currency, { allowZero: true });
    if (earlyAmount && !earlyAmount.ok) errors[at('early')] = amountMessage(earlyAmount.problem, currency);
    else if (earlyAmount === null && needsEarly) errors[at('early')] = t('form.required');
    rows.push({
      key,
      label,
      early: earlyAmount?.ok ? earlyAmount.minor : null,
      regular: regularAmount.ok ? regularAmount.minor : 0,
      requiresMembership: values[`rows.${i}.requiresMembership`] === 'on',
      requiresTraineeStatus: values[`rows.${i}.requiresTraineeStatus`] === 'on',
    });
  }
  if (rows.length === 0 && Object.keys(errors).length === 0) errors['rows.0.label'] = t('staffPrices.noRows');
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, rows };
}

export const QUESTION_TYPES: readonly CustomQuestionType[] = ['text', 'textarea', 'yes_no', 'choice'];

/**
 * How many question rows a posted form has (its hidden `questionCount`): a whole number from 0
 * to 50, whatever was sent. The page re-renders that many rows after an error, so "1e309" or
 * "-1" must not reach `Array.from` (found by the fuzzing figure: it was a 500).
 */
export function questionRowCount(posted: string | undefined): number {
  return postedRowCount(posted, 50);
}

/**
 * How many rows a table form (questions, prices, an evaluation's questions) posted, as a whole
 * number from 0 to `max`: the hidden count is the sender's to choose, and the page re-renders
 * that many rows after an error (the fuzzing figure found `1e30` and `1e309` as 500s).
 */
export function postedRowCount(posted: string | undefined, max: number): number {
  const n = Math.floor(Number(posted ?? 0));
  return Number.isFinite(n) ? Math.max(0, Math.min(max, n)) : 0;
}

/** Custom questions posted as questions.N.field; keys of kept questions stay stable. */
export function parseQuestionRows(values: Record<string, string>, existing: CustomQuestion[]): RowsResult<CustomQuestion> {
  const count = questionRowCount(values.questionCount);
  const rows: CustomQuestion[] = [];
  const errors: Record<string, string> = {};
  const taken = new Set(existing.map((q) => q.key));
  for (let i = 0; i < count; i++) {
    const get = (f: string) => (values[`questions.${i}.${f}`] ?? '').trim();
    const label = get('label');
    if (label === '') continue;
    const at = (f: string) => `questions.${i}.${f}`;
    if (label.length > 500) errors[at('label')] = t('form.tooLong', { max: 500 });
    const type = get('type') as CustomQuestionType;
    if (!QUESTION_TYPES.includes(type)) errors[at('type')] = t('form.invalidChoice');
    const options = get('options')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    if (type === 'choice' && options.length < 2) errors[at('options')] = t('staffQuestions.optionsNeeded');
    const oldKey = get('key');
    const key = existing.some((q) => q.key === oldKey) ? oldKey : keyFrom(label, taken);
    rows.push({ key, label, type, required: values[`questions.${i}.required`] === 'on', ...(type === 'choice' ? { options } : {}) });
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, rows };
}
