import { useMemo } from 'react';
import { data, Form, Link, useActionData, useNavigation } from 'react-router';
import { z } from 'zod';
import { Field, FormAlert } from '#app/components/field.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { parseForm } from '#app/lib/forms.ts';
import { requireOrganization, requireUser, services, requireIds } from '#app/lib/guards.server.ts';
import { useSchemaForm } from '#app/lib/use-schema-form.ts';
import { CheckboxField, TextAreaField } from '#app/components/choices.tsx';
import { applyForAid } from '#domain/aid/apply-for-aid.server.ts';
import { getMyAid } from '#domain/aid/find-aid.server.ts';
import { AID_GROUPS, SELF_DESCRIBED_MAX, STATEMENT_MAX } from '#domain/aid/program.ts';
import { DomainError } from '#domain/errors.ts';
import { formatDate, t } from '#lib/i18n.ts';
import { formatAmountInput, formatMoney } from '#lib/money.ts';
import { aidAmountError, aidAmountMinor, aidProblem } from './messages.ts';
import type { Route } from './+types/apply.ts';

const optionalBox = z.string().optional();
const applicationSchema = (currency: string, maxMinor: number) => z.object({
  statement: z.string().trim().min(1).max(STATEMENT_MAX),
  group_ethnic: optionalBox,
  group_socioeconomic: optionalBox,
  group_professional: optionalBox,
  group_other: optionalBox,
  selfDescribed: z.string().trim().max(SELF_DESCRIBED_MAX).default(''),
  preferNotToSay: optionalBox,
  requested: z
    .string()
    .default('')
    .superRefine((v, ctx) => {
      const message = aidAmountError(v, currency, 'request', maxMinor);
      if (message) ctx.addIssue({ code: 'custom', message });
    }),
});

async function load(request: Request, context: Route.LoaderArgs['context'], params: Route.LoaderArgs['params']) {
  const org = await requireOrganization(context, params.org);
  const user = await requireUser(request, context, org.slug);
  requireIds(params.registrationId);
  try {
    // Only the registration's own person: anyone else's registration is simply not found.
    const aid = await getMyAid(services(context).db, { organizationId: org.id, registrationId: params.registrationId, userId: user.id });
    return { org, user, aid };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'REGISTRATION_NOT_FOUND') throw data(null, { status: 404 });
    throw error;
  }
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org, aid } = await load(request, context, params);
  return { slug: org.slug, ...aid };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, user, aid } = await load(request, context, params);
  const parsed = parseForm(applicationSchema(aid.course.currency, aid.course.maxMinor), await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, alert: t('form.fixErrors'), done: undefined }, { status: 400 });
  const { db, jobs, publicUrl, requestId, encryptionKey } = services(context);
  const v = parsed.data;
  try {
    const result = await applyForAid(
      db,
      {
        organizationId: org.id,
        registrationId: aid.registration.id,
        userId: user.id,
        requestedMinor: aidAmountMinor(v.requested, aid.course.currency),
        content: {
          statement: v.statement,
          groups: AID_GROUPS.filter((g) => v[`group_${g}`] === 'on'),
          selfDescribed: v.selfDescribed,
          preferNotToSay: v.preferNotToSay === 'on',
        },
      },
      { userId: user.id, requestId },
      { keys: encryptionKey, publicUrl },
    );
    await jobs.deliverEmails(result.emailIds);
    return { errors: {}, alert: undefined, done: t('aid.received') };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const problem = aidProblem(error, { max: formatMoney(aid.course.maxMinor, aid.course.currency) });
    return data({ ...problem, done: undefined }, { status: Object.keys(problem.errors).length > 0 ? 400 : 409 });
  }
}

export default function ApplyForAid({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const schema = useMemo(() => applicationSchema(loaderData.course.currency, loaderData.course.maxMinor), [loaderData.course.currency, loaderData.course.maxMinor]);
  const form = useSchemaForm(schema, actionData?.errors, actionData?.alert);
  const errors: Record<string, string> = form.errors;
  const { course, application } = loaderData;
  const money = (minor: number) => formatMoney(minor, course.currency);
  const statement = course.statement.trim() || t('aid.defaultStatement');
  return (
    <main id="main" className="page">
      <title>{t('aid.title', { course: course.title })}</title>
      <p>
        <Link to={`/o/${loaderData.slug}/registrations`}>{t('aid.backToRegistrations')}</Link>
      </p>
      <h1>{t('aid.title', { course: course.title })}</h1>
      <ErrorSummary message={form.message} errors={errors} labels={{ statement: t('aid.statement'), selfDescribed: t('aid.selfDescribed'), requested: t('aid.requested') }} attempt={actionData} />
      <FormAlert message={actionData?.done} tone="success" />
      {loaderData.runs ? (
        <section aria-labelledby="aid-about">
          <h2 id="aid-about">{t('aid.aboutProgram')}</h2>
          {statement.split(/\n{2,}/).map((p, i) => (
            <p key={i}>{p}</p>
          ))}
          <p>{t('aid.programFacts', { max: money(course.maxMinor), count: course.maxAwards })}</p>
          <p>{course.deadline ? t('aid.deadline', { date: formatDate(course.deadline) }) : t('aid.noDeadline')}</p>
        </section>
      ) : null}
      {application ? (
        <section aria-labelledby="aid-status">
          <h2 id="aid-status">{t('aid.yourApplication')}</h2>
          <dl className="facts">
            <dt>{t('aid.submittedOn')}</dt>
            <dd>{formatDate(application.submittedAt.toISOString().slice(0, 10))}</dd>
            <dt>{t('aid.requestedAmount')}</dt>
            <dd>{money(application.requestedMinor)}</dd>
            <dt>{t('aid.status')}</dt>
            <dd>
              <span className="status-badge">{t(`aid.status_${application.status}`, { amount: money(application.awardedMinor ?? 0) })}</span>
            </dd>
          </dl>
          {application.status === 'awarded' ? <p>{t('aid.awardedNote')}</p> : null}
        </section>
      ) : !loaderData.runs ? (
        <p>{t('aid.noProgram')}</p>
      ) : !loaderData.eligible ? (
        <p>{t('aid.notEligible')}</p>
      ) : !loaderData.open ? (
        <p>{t('aid.closed')}</p>
      ) : (
        <section aria-labelledby="aid-form">
          <h2 id="aid-form">{t('aid.formHeading')}</h2>
          <p>{t('aid.privacy')}</p>
          <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
            <TextAreaField name="statement" label={t('aid.statement')} hint={t('aid.statementHint', { max: STATEMENT_MAX })} error={errors.statement} rows={8} />
            <fieldset className="field" aria-describedby="aid-groups-hint">
              <legend>{t('aid.selfIdentification')}</legend>
              <span className="hint" id="aid-groups-hint">
                {t('aid.selfIdentificationHint')}
              </span>
              {AID_GROUPS.map((g) => (
                <CheckboxField key={g} name={`group_${g}`} label={t(`aid.group_${g}`)} />
              ))}
              <Field name="selfDescribed" label={t('aid.selfDescribed')} hint={t('aid.selfDescribedHint', { max: SELF_DESCRIBED_MAX })} error={errors.selfDescribed} />
              <CheckboxField name="preferNotToSay" label={t('aid.preferNotToSay')} />
            </fieldset>
            <Field
              name="requested"
              label={t('aid.requested')}
              hint={t('aid.requestedHint', { max: money(course.maxMinor) })}
              defaultValue={formatAmountInput(course.maxMinor, course.currency)}
              error={errors.requested}
              required
            />
            <div>
              <button type="submit" disabled={busy}>
                {t('aid.submit')}
              </button>
            </div>
          </Form>
        </section>
      )}
    </main>
  );
}
