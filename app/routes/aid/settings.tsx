import { useMemo } from 'react';
import { data, Form, Link, useActionData, useNavigation } from 'react-router';
import { z } from 'zod';
import { DateField, Field, FormAlert } from '#app/components/field.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { parseForm } from '#app/lib/forms.ts';
import { requirePermission, services, requireIds } from '#app/lib/guards.server.ts';
import { useSchemaForm } from '#app/lib/use-schema-form.ts';
import { TextAreaField } from '#app/components/choices.tsx';
import { findAidPrograms, getAidCourse } from '#domain/aid/find-aid.server.ts';
import { STATEMENT_MAX } from '#domain/aid/program.ts';
import { updateAidProgram } from '#domain/aid/update-program.server.ts';
import { isIsoDate } from '#domain/courses/course-schema.ts';
import { DomainError } from '#domain/errors.ts';
import { t } from '#lib/i18n.ts';
import { formatAmountInput } from '#lib/money.ts';
import { aidAmountError, aidAmountMinor, aidProblem } from './messages.ts';
import type { Route } from './+types/settings.ts';

// The deadline is typed as text (a date input would send an impossible date such as 2025-02-30 as
// an empty value, which means "no deadline"): only an empty field means no deadline.
const settingsSchema = (currency: string) =>
  z.object({
  financialAidDeadline: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || isIsoDate(v), { message: t('aidAdmin.invalidDate') }),
  financialAidAwards: z
    .string()
    .trim()
    .refine((v) => /^\d{1,3}$/.test(v) && Number(v) <= 100, { message: t('aidAdmin.invalidCount') }),
  financialAidMax: z
    .string()
    .default('')
    .superRefine((v, ctx) => {
      const message = aidAmountError(v, currency, 'max');
      if (message) ctx.addIssue({ code: 'custom', message });
    }),
  financialAidStatement: z.string().trim().max(STATEMENT_MAX).default(''),
  });

async function load(request: Request, context: Route.LoaderArgs['context'], params: Route.LoaderArgs['params']) {
  const { org, actor } = await requirePermission(request, context, params.org, 'course:manage');
  requireIds(params.courseId);
  try {
    return { org, actor, course: await getAidCourse(services(context).db, org.id, params.courseId) };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'COURSE_NOT_FOUND') throw data(null, { status: 404 });
    throw error;
  }
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org, course } = await load(request, context, params);
  const totals = (await findAidPrograms(services(context).db, org.id)).find((p) => p.courseId === course.id);
  return {
    reportUrl: `/o/${org.slug}/admin/financial-aid/report`,
    course: { title: course.title, timeZone: course.timeZone, currency: course.currency },
    given: totals?.awards ?? 0,
    values: {
      financialAidDeadline: course.financialAidDeadline ?? '',
      financialAidAwards: String(course.financialAidAwards ?? 0),
      financialAidMax: course.financialAidMaxMinor ? formatAmountInput(course.financialAidMaxMinor, course.currency) : '500',
      financialAidStatement: course.financialAidStatement,
    },
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor, course } = await load(request, context, params);
  const formData = await request.formData();
  // What was typed is shown again when the form comes back with errors (also without JavaScript).
  const typed = {
    financialAidDeadline: String(formData.get('financialAidDeadline') ?? ''),
    financialAidAwards: String(formData.get('financialAidAwards') ?? ''),
    financialAidMax: String(formData.get('financialAidMax') ?? ''),
    financialAidStatement: String(formData.get('financialAidStatement') ?? ''),
  };
  const parsed = parseForm(settingsSchema(course.currency), formData);
  if (!parsed.ok) return data({ errors: parsed.errors, alert: t('form.fixErrors'), done: undefined, typed }, { status: 400 });
  const v = parsed.data;
  try {
    await updateAidProgram(
      services(context).db,
      {
        organizationId: org.id,
        courseId: course.id,
        financialAidDeadline: v.financialAidDeadline === '' ? null : v.financialAidDeadline,
        financialAidAwards: Number(v.financialAidAwards),
        financialAidMaxMinor: aidAmountMinor(v.financialAidMax, course.currency),
        financialAidStatement: v.financialAidStatement,
      },
      actor,
    );
    return { errors: {}, alert: undefined, done: t('aidAdmin.settingsSaved'), typed: undefined };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return data({ ...aidProblem(error), done: undefined, typed }, { status: 409 });
  }
}

export default function AidSettings({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const schema = useMemo(() => settingsSchema(loaderData.course.currency), [loaderData.course.currency]);
  const form = useSchemaForm(schema, actionData?.errors, actionData?.alert);
  const errors: Record<string, string> = form.errors;
  const v = actionData?.typed ?? loaderData.values;
  return (
    <main id="main">
      <title>{t('aidAdmin.settingsFor', { course: loaderData.course.title })}</title>
      <p>
        <Link to={loaderData.reportUrl}>{t('aidReport.title')}</Link>
      </p>
      <h1>{t('aidAdmin.settingsFor', { course: loaderData.course.title })}</h1>
      <p>{t('aidAdmin.settingsIntro')}</p>
      <ErrorSummary
        message={form.message}
        errors={errors}
        labels={{
          financialAidDeadline: t('aidAdmin.settingsDeadline'),
          financialAidAwards: t('aidAdmin.settingsAwards'),
          financialAidMax: t('aidAdmin.settingsMax'),
          financialAidStatement: t('aidAdmin.settingsStatement'),
        }}
        attempt={actionData}
      />
      <FormAlert message={actionData?.done} tone="success" />
      <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
        <DateField
          name="financialAidDeadline"
          label={t('aidAdmin.settingsDeadline')}
          hint={t('aidAdmin.settingsDeadlineHint', { zone: loaderData.course.timeZone })}
          defaultValue={v.financialAidDeadline}
          error={errors.financialAidDeadline}
        />
        <Field
          name="financialAidAwards"
          type="number"
          label={t('aidAdmin.settingsAwards')}
          hint={t('aidAdmin.settingsAwardsHint', { given: loaderData.given })}
          defaultValue={v.financialAidAwards}
          error={errors.financialAidAwards}
          required
        />
        <Field name="financialAidMax" label={t('aidAdmin.settingsMax')} defaultValue={v.financialAidMax} error={errors.financialAidMax} required />
        <TextAreaField
          name="financialAidStatement"
          label={t('aidAdmin.settingsStatement')}
          hint={t('aidAdmin.settingsStatementHint')}
          defaultValue={v.financialAidStatement}
          error={errors.financialAidStatement}
          rows={6}
        />
        <div>
          <button type="submit" disabled={busy}>
            {t('aidAdmin.settingsSave')}
          </button>
        </div>
      </Form>
    </main>
  );
}
