// Staff settings for credit: the policies per accrediting body (typed credit read strictly,
// field-level errors, nothing written unless all are valid, audited) and the director's
// signature (PNG or JPEG by its bytes, at most 500 KB, audited without the image).
import { createCanvas } from '@napi-rs/canvas';
import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { auditEvents } from '#db/schema/audit.ts';
import { courseCreditPolicies, courseSignatures } from '#db/schema/credit.ts';
import { imageTypeOf, MAX_SIGNATURE_BYTES, saveSignature } from '#domain/certificates/save-signature.server.ts';
import { createCourse, createOrganization } from '../../tests/helpers/fixtures.ts';
import { creditCourse } from '../../tests/helpers/credit-fixtures.ts';
import { signaturePng } from '../../tests/helpers/png.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { findCourseCredit } from './course-credit.server.ts';
import { parseCredit, readCreditPolicies, saveCreditPolicies } from './save-credit-policies.server.ts';

const testDb = useTestDatabase();
const actor = { userId: null, requestId: null };

function policyValues(i: number, over: Record<string, string> = {}) {
  return {
    [`policies.${i}.grants`]: 'on',
    [`policies.${i}.unit`]: 'credits',
    [`policies.${i}.maxCredit`]: '19.25',
    [`policies.${i}.rule`]: 'commensurate',
    [`policies.${i}.minutesPerCredit`]: '60',
    [`policies.${i}.roundingStepMinutes`]: '15',
    [`policies.${i}.rounding`]: 'down',
    [`policies.${i}.evaluationRequired`]: 'on',
    [`policies.${i}.minimumCredit`]: '0',
    ...Object.fromEntries(Object.entries(over).map(([k, v]) => [`policies.${i}.${k}`, v])),
  };
}

const PNG = signaturePng();
const JPEG = (() => {
  const canvas = createCanvas(60, 20);
  canvas.getContext('2d').fillRect(5, 9, 50, 2);
  return canvas.toBuffer('image/jpeg');
})();

describe('credit policies', () => {
  test.each([
    ['19.25', 1925],
    ['19.5', 1950],
    ['19', 1900],
    ['0', 0],
    [' 4.00 ', 400],
    ['19.255', null],
    ['19,25', null],
    ['-1', null],
    ['1e2', null],
    ['', null],
  ])('"%s" reads as %s hundredths', (typed, hundredths) => {
    expect(parseCredit(typed)).toBe(hundredths);
  });

  test('every problem on its own field', () => {
    const result = readCreditPolicies(['APA', 'AAFP'], {
      ...policyValues(0, { maxCredit: '19.255', minutesPerCredit: '0', roundingStepMinutes: '20' }),
      ...policyValues(1, { rule: 'most', minimumCredit: '30', maxCredit: '4', unit: 'miles', rounding: 'up' }),
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        'policies.0.maxCredit': expect.any(String),
        'policies.0.minutesPerCredit': expect.any(String),
        'policies.0.roundingStepMinutes': expect.any(String),
        'policies.1.rule': expect.any(String),
        'policies.1.minimumCredit': expect.any(String),
        'policies.1.unit': expect.any(String),
        'policies.1.rounding': expect.any(String),
      },
    });
  });

  test('saved per body of the course, replacing earlier ones, audited; an invalid form writes nothing', async () => {
    const db = testDb.db;
    const { org, course, full } = await creditCourse(db);
    const where = { organizationId: org.id, courseId: course.id };
    const bad = await saveCreditPolicies(db, actor, { ...where, values: { ...policyValues(0), ...policyValues(1, { maxCredit: 'four' }) } });
    expect(bad.ok).toBe(false);
    const rows = () => db.select().from(courseCreditPolicies).where(eq(courseCreditPolicies.courseId, course.id)).orderBy(courseCreditPolicies.body);
    // The fixture's policies are untouched.
    expect((await rows()).map((r) => [r.body, r.maxCreditHundredths])).toEqual([
      ['AAFP', 400],
      ['APA', 400],
    ]);

    const good = await saveCreditPolicies(db, actor, {
      ...where,
      values: { ...policyValues(0, { maxCredit: '3.5', roundingStepMinutes: '30', evaluationRequired: '' }), ...policyValues(1, { rule: 'full_attendance', maxCredit: '4', unit: 'hours' }) },
    });
    expect(good.ok).toBe(true);
    expect((await rows()).map((r) => ({ body: r.body, max: r.maxCreditHundredths, rule: r.rule, step: r.roundingStepMinutes, evaluationRequired: r.evaluationRequired, unit: r.unit }))).toEqual([
      { body: 'AAFP', max: 400, rule: 'full_attendance', step: 15, evaluationRequired: true, unit: 'hours' },
      { body: 'APA', max: 350, rule: 'commensurate', step: 30, evaluationRequired: false, unit: 'credits' },
    ]);
    // The credit follows the saved policy: APA 4 credit hours attended, capped at 3.5.
    const [person] = await findCourseCredit(db, { ...where, registrationIds: [full.id] });
    expect(person!.results.find((r) => r.body === 'APA')).toMatchObject({ credit: 3.5, outcome: 'credit' });
    const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, course.id), eq(auditEvents.action, 'credit.policies_saved')));
    expect(audit).toHaveLength(1);
  });

  test('a body left unticked grants nothing: its fields are not read and its policy goes', async () => {
    const db = testDb.db;
    const { org, course } = await creditCourse(db);
    const result = await saveCreditPolicies(db, actor, { organizationId: org.id, courseId: course.id, values: { ...policyValues(0), ...policyValues(1, { grants: '', maxCredit: 'nonsense' }) } });
    expect(result.ok).toBe(true);
    const rows = await db.select().from(courseCreditPolicies).where(eq(courseCreditPolicies.courseId, course.id));
    expect(rows.map((r) => r.body)).toEqual(['APA']);
  });

  test('a course without accreditation statements has no body to set', async () => {
    const db = testDb.db;
    const org = await createOrganization(db);
    const course = await createCourse(db, org.id, { accreditation: [] });
    const result = await saveCreditPolicies(db, actor, { organizationId: org.id, courseId: course.id, values: policyValues(0) });
    expect(result).toEqual({ ok: false, errors: { policies: expect.any(String) } });
  });
});

describe("the director's signature", () => {
  test('PNG and JPEG are told by their bytes, whatever the file is called', () => {
    expect(imageTypeOf(PNG)).toBe('image/png');
    expect(imageTypeOf(JPEG)).toBe('image/jpeg');
    expect(imageTypeOf(Buffer.from('GIF89a'))).toBeNull();
    expect(imageTypeOf(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(imageTypeOf(new Uint8Array(0))).toBeNull();
  });

  test('uploaded, replaced, and refused with field errors; another organization cannot touch it', async () => {
    const db = testDb.db;
    const { org, course } = await creditCourse(db);
    const where = { organizationId: org.id, courseId: course.id };
    const stored = () => db.select().from(courseSignatures).where(eq(courseSignatures.courseId, course.id));

    expect(await saveSignature(db, actor, { ...where, signerName: '', signerTitle: '', image: null })).toEqual({
      ok: false,
      errors: { signerName: expect.any(String), image: expect.any(String) },
    });
    expect(await saveSignature(db, actor, { ...where, signerName: 'Dr. Director', signerTitle: '', image: Buffer.from('not an image') })).toEqual({ ok: false, errors: { image: expect.any(String) } });
    const tooLarge = Buffer.concat([PNG, Buffer.alloc(MAX_SIGNATURE_BYTES)]);
    expect(await saveSignature(db, actor, { ...where, signerName: 'Dr. Director', signerTitle: '', image: tooLarge })).toEqual({ ok: false, errors: { image: expect.any(String) } });
    expect(await stored()).toEqual([]);

    expect(await saveSignature(db, actor, { ...where, signerName: 'Dr. Director', signerTitle: 'Course Director', image: PNG })).toEqual({ ok: true });
    expect((await stored())[0]).toMatchObject({ signerName: 'Dr. Director', signerTitle: 'Course Director', contentType: 'image/png' });
    // A new name only keeps the image; a new image replaces it.
    await saveSignature(db, actor, { ...where, signerName: 'Dr. Other', signerTitle: 'Co-director', image: null });
    expect((await stored())[0]).toMatchObject({ signerName: 'Dr. Other', contentType: 'image/png' });
    await saveSignature(db, actor, { ...where, signerName: 'Dr. Other', signerTitle: 'Co-director', image: JPEG });
    expect((await stored())[0]!.contentType).toBe('image/jpeg');
    expect((await stored())[0]!.image.equals(JPEG)).toBe(true);

    const other = await createOrganization(db);
    await expect(saveSignature(db, actor, { organizationId: other.id, courseId: course.id, signerName: 'Mallory', signerTitle: '', image: PNG })).rejects.toMatchObject({ code: 'COURSE_NOT_FOUND' });

    const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, course.id), eq(auditEvents.action, 'certificate.signature_saved')));
    expect(audit).toHaveLength(3);
    expect(JSON.stringify(audit.map((a) => a.after))).not.toContain(PNG.toString('base64'));
  });
});
