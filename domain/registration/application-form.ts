// The application form's schema, built from the course's own questions. Used by the browser
// for instant feedback and by the page's action; the domain re-checks the hard rules
// (validateAnswers) whatever the entry point.
import { z } from 'zod';
import type { Attestation, CustomQuestion } from '#db/schema/courses.ts';
import type { ApplicationAnswers } from '#db/schema/registration.ts';
import { t } from '#lib/i18n.ts';

export interface FormCourse {
  attestations: Attestation[];
  customQuestions: CustomQuestion[];
  categories: { key: string; requiresTraineeStatus: boolean; requiresMembership: boolean }[];
}

const text = (max: number) => z.string().trim().max(max).default('');
const agree = () => z.literal('on', { error: () => t('form.mustAgree') });
const checkbox = () => z.literal('on').optional();

export function applicationFormSchema(course: FormCourse, signedIn: boolean) {
  const shape: Record<string, z.ZodType> = {
    submissionKey: z.string().min(8).max(100),
    expectedTier: z.enum(['early', 'regular']).optional(),
    categoryKey: z.enum(course.categories.map((c) => c.key) as [string, ...string[]], { error: () => t('registrationForm.chooseCategory') }),
    discipline: z.string().trim().min(1).max(200),
    credentials: text(100),
    institution: text(200),
    clinicallyActive: checkbox(),
    willingToPresent: checkbox(),
    commitsToAttendAll: agree(),
    understandsNotTherapy: agree(),
    dietaryNeeds: text(500),
    accessibilityNeeds: text(500),
    heardAbout: text(200),
    trainingProgram: text(200),
    traineeAttested: checkbox(),
    discountCode: text(40),
    complimentaryMembership: checkbox(),
  };
  if (!signedIn) {
    shape.name = z.string().trim().min(1).max(200);
    shape.email = z.string().trim().min(1).max(254).pipe(z.email());
  }
  for (const a of course.attestations) shape[`a_${a.key}`] = agree();
  for (const q of course.customQuestions) {
    const base = z.string().trim().max(2000);
    if (q.type === 'choice' && q.options?.length) {
      const choice = z.enum(q.options as [string, ...string[]], { error: () => t('form.invalidChoice') });
      shape[`q_${q.key}`] = q.required ? choice : choice.or(z.literal('')).optional();
    } else shape[`q_${q.key}`] = q.required ? base.min(1) : base.default('');
  }
  const trainee = new Set(course.categories.filter((c) => c.requiresTraineeStatus).map((c) => c.key));
  return z.object(shape).superRefine((values, ctx) => {
    if (!trainee.has(String(values.categoryKey))) return;
    if (!String(values.trainingProgram ?? '').trim()) ctx.addIssue({ code: 'custom', path: ['trainingProgram'], message: t('form.required') });
    if (values.traineeAttested !== 'on') ctx.addIssue({ code: 'custom', path: ['traineeAttested'], message: t('form.mustAgree') });
  });
}

/** Form values (already parsed) → the domain's answers. */
export function answersFromForm(course: FormCourse, values: Record<string, unknown>): ApplicationAnswers {
  const s = (k: string) => String(values[k] ?? '').trim();
  return {
    discipline: s('discipline'),
    credentials: s('credentials'),
    institution: s('institution'),
    clinicallyActive: values.clinicallyActive === 'on',
    willingToPresent: values.willingToPresent === 'on',
    commitsToAttendAll: values.commitsToAttendAll === 'on',
    understandsNotTherapy: values.understandsNotTherapy === 'on',
    dietaryNeeds: s('dietaryNeeds'),
    accessibilityNeeds: s('accessibilityNeeds'),
    heardAbout: s('heardAbout'),
    trainingProgram: s('trainingProgram'),
    traineeAttested: values.traineeAttested === 'on',
    attestations: Object.fromEntries(course.attestations.map((a) => [a.key, values[`a_${a.key}`] === 'on'])),
    custom: Object.fromEntries(course.customQuestions.map((q) => [q.key, s(`q_${q.key}`)])),
  };
}

/** Domain field names → form field names (they are the same except the containers). */
export function formFieldFor(domainField: string): string {
  return domainField;
}
