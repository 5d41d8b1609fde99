import { registrationAccount } from '#domain/money/read-account.server.ts';
import { data, Form, Link, useActionData, useNavigation } from 'react-router';
import { z } from 'zod';
import { parseForm } from '#app/lib/forms.ts';
import { useSchemaForm } from '#app/lib/use-schema-form.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { errorMessage, fieldMessage } from '#app/lib/error-messages.ts';
import { FormAlert } from '#app/components/field.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { getPriceTable } from '#domain/courses/get-staff-course.server.ts';
import { changeCategory } from '#domain/registration/change-category.server.ts';
import { verifyMembership } from '#domain/registration/verify-membership.server.ts';
import { decideApplication } from '#domain/registration/decide-application.server.ts';
import { getApplication } from '#domain/registration/find-applications.server.ts';
import { addressStatus } from '#domain/registration/confirmation.server.ts';
import { findPersonMessages } from '#domain/messages/find-messages.server.ts';
import { DomainError } from '#domain/errors.ts';
import { t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';
import { requireCourse } from '#app/routes/courses/course-access.server.ts';
import { CourseNav } from '#app/routes/courses/course-nav.tsx';
import { RadioGroup, SelectField, TextAreaField } from '#app/components/choices.tsx';
import type { Route } from './+types/application.ts';

const decisionSchema = z.object({
  intent: z.literal('decide'),
  decision: z.enum(['accept', 'decline', 'waitlist']),
  message: z.string().trim().max(2000).default(''),
});

const categorySchema = z.object({
  intent: z.literal('category'),
  categoryKey: z.string().trim().min(1),
  reason: z.string().trim().min(1).max(500),
});

async function load(request: Request, context: Route.LoaderArgs['context'], params: Route.LoaderArgs['params']) {
  const { org, actor } = await requirePermission(request, context, params.org, 'registration:review');
  const { db } = services(context);
  const course = await requireCourse(db, org.id, params.courseId);
  try {
    const registration = await getApplication(db, { organizationId: org.id, courseId: course.id, registrationId: params.registrationId });
    return { org, actor, course, registration };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'REGISTRATION_NOT_FOUND') throw data(null, { status: 404 });
    throw error;
  }
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org, course, registration: r } = await load(request, context, params);
  const categories = await getPriceTable(services(context).db, org.id, course.id);
  const account = await registrationAccount(services(context).db, r.id);
  // The course messages sent for this registration (issue 18).
  const messages = (await findPersonMessages(services(context).db, org.id, { registrationId: r.id })).map((m) => ({ id: m.messageId, subject: m.subject, status: m.status }));
  const a = r.answers;
  const yes = (v: boolean) => t(v ? 'staffApplications.yes' : 'staffApplications.no');
  return {
    base: `/o/${org.slug}/admin/courses/${course.id}`,
    course: { title: course.title },
    messages,
    categories: categories.map((c) => ({ value: c.key, label: c.label })),
    registration: {
      id: r.id,
      name: r.name,
      email: r.email,
      status: r.status,
      categoryKey: r.categoryKey,
      category: r.policy.categoryLabel || r.categoryKey,
      tier: r.tier,
      base: formatMoney(r.baseAmountMinor, r.currency),
      discount: r.discountMinor > 0 ? formatMoney(r.discountMinor, r.currency) : null,
      due: formatMoney(r.amountMinor, r.currency),
      balance: formatMoney(account.balanceMinor, r.currency),
      paid: formatMoney(account.netPaidMinor, r.currency),
      membershipCheck: r.membershipCheck,
      complimentaryMembershipRequested: r.complimentaryMembershipRequested,
      decisionMessage: r.decisionMessage,
      submittedAt: r.submittedAt.toISOString(),
      address: addressStatus(r, course.timeZone),
    },
    answers: [
      [t('staffApplications.discipline'), a.discipline],
      [t('staffApplications.credentials'), a.credentials],
      [t('staffApplications.institution'), a.institution],
      [t('staffApplications.clinicallyActive'), yes(a.clinicallyActive)],
      [t('staffApplications.willingToPresent'), yes(a.willingToPresent)],
      [t('staffApplications.commitsToAttendAll'), yes(a.commitsToAttendAll)],
      [t('staffApplications.understandsNotTherapy'), yes(a.understandsNotTherapy)],
      [t('staffApplications.trainingProgram'), a.trainingProgram],
      [t('staffApplications.traineeAttested'), yes(a.traineeAttested)],
      [t('staffApplications.dietaryNeeds'), a.dietaryNeeds],
      [t('staffApplications.accessibilityNeeds'), a.accessibilityNeeds],
      [t('staffApplications.heardAbout'), a.heardAbout],
      ...r.policy.attestations.map((at) => [at.text, yes(a.attestations?.[at.key] === true)] as const),
      ...course.customQuestions.map((q) => [q.label, a.custom?.[q.key] ?? ''] as const),
    ].map(([label, value]) => ({ label, value: value === '' ? '—' : value })),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor, registration } = await load(request, context, params);
  const { db, jobs, publicUrl } = services(context);
  const formData = await request.formData();
  const intent = formData.get('intent');
  try {
    if (intent === 'verify-membership') {
      await db.transaction((tx) => verifyMembership(tx, { organizationId: org.id, registrationId: registration.id }, actor));
      return { form: 'membership', errors: {}, alert: undefined, done: t('staffApplications.membershipVerifiedDone') };
    }
    if (intent === 'category') {
      const parsed = parseForm(categorySchema, formData);
      if (!parsed.ok) return data({ form: 'category', errors: parsed.errors, alert: t('form.fixErrors'), done: undefined }, { status: 400 });
      const result = await changeCategory(db, { organizationId: org.id, registrationId: registration.id, categoryKey: parsed.data.categoryKey, reason: parsed.data.reason }, actor, { publicUrl });
      await jobs.deliverEmails(result.emailIds);
      return { form: 'category', errors: {}, alert: undefined, done: t('staffApplications.categoryChanged') };
    }
    const parsed = parseForm(decisionSchema, formData);
    if (!parsed.ok) return data({ form: 'decide', errors: parsed.errors, alert: t('form.fixErrors'), done: undefined }, { status: 400 });
    const result = await decideApplication(db, { organizationId: org.id, registrationId: registration.id, decision: parsed.data.decision, message: parsed.data.message }, actor, { publicUrl });
    await jobs.deliverEmails(result.emailIds);
    return { form: 'decide', errors: {}, alert: undefined, done: t('staffApplications.decided', { status: t(`staffApplications.status_${result.registration.status}`) }) };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const errors = Object.fromEntries(Object.entries(error.fields).map(([field, code]) => [field, fieldMessage(code)]));
    return data({ form: intent === 'category' ? 'category' : 'decide', errors, alert: errorMessage(error.code), done: undefined }, { status: 422 });
  }
}

export default function Application({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const r = loaderData.registration;
  const decide = useSchemaForm(decisionSchema, actionData?.form === 'decide' ? actionData.errors : undefined, actionData?.alert);
  const category = useSchemaForm(categorySchema, actionData?.form === 'category' ? actionData.errors : undefined, actionData?.alert);
  const decideErrors: Record<string, string> = decide.errors;
  const categoryErrors: Record<string, string> = category.errors;
  return (
    <main id="main">
      <title>{`${r.name}: ${loaderData.course.title}`}</title>
      <p>
        <Link to={`${loaderData.base}/applications`}>{t('staffApplications.backToList')}</Link>
      </p>
      <h1>{r.name}</h1>
      <CourseNav base={loaderData.base} title={loaderData.course.title} />
      <ErrorSummary
        message={decide.message && category.message /* the server's, until either form is refused in the browser */}
        errors={{ ...decideErrors, ...categoryErrors }}
        labels={{ decision: t('staffApplications.decision'), message: t('staffApplications.message'), categoryKey: t('staffApplications.newCategory'), reason: t('staffApplications.reason') }}
        attempt={actionData}
      />
      <FormAlert message={actionData?.done} tone="success" />
      <h2>{t('staffApplications.summary')}</h2>
      <dl className="facts">
        <dt>{t('staffApplications.email')}</dt>
        <dd>
          {r.email}{' '}
          <span className="status-badge">
            {t(`registration.address_${r.address.state}`, { until: r.address.until })}
          </span>
        </dd>
        <dt>{t('staffApplications.status')}</dt>
        <dd>{t(`staffApplications.status_${r.status}`)}</dd>
        <dt>{t('staffApplications.category')}</dt>
        <dd>
          {r.category} ({t(`registration.tier_${r.tier}`)})
        </dd>
        <dt>{t('staffApplications.price')}</dt>
        <dd>{r.base}</dd>
        {r.discount ? (
          <>
            <dt>{t('staffApplications.discount')}</dt>
            <dd>{r.discount}</dd>
          </>
        ) : null}
        <dt>{t('staffApplications.due')}</dt>
        <dd>{r.due}</dd>
        <dt>{t('money.paidSoFar')}</dt>
        <dd>{r.paid}</dd>
        <dt>{t('money.balance')}</dt>
        <dd>
          {r.balance}{' '}
          <Link to={`${loaderData.base}/applications/${r.id}/account`}>{t('money.accountAndPayments')}</Link>
          {' · '}
          <Link to={`${loaderData.base}/applications/${r.id}/cancel`}>{t('money.recordCancellation')}</Link>
        </dd>
        <dt>{t('staffApplications.membership')}</dt>
        <dd>
          {t(`staffApplications.membership_${r.membershipCheck}`)}
          {r.membershipCheck === 'to_verify' ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="verify-membership" />{' '}
              <button type="submit" className="secondary">
                {t('staffApplications.verifyMembership')}
              </button>
            </Form>
          ) : null}
        </dd>
        <dt>{t('staffApplications.complimentaryMembership')}</dt>
        <dd>{t(r.complimentaryMembershipRequested ? 'staffApplications.yes' : 'staffApplications.no')}</dd>
        {r.decisionMessage ? (
          <>
            <dt>{t('staffApplications.lastMessage')}</dt>
            <dd>{r.decisionMessage}</dd>
          </>
        ) : null}
      </dl>
      <h2>{t('courseMessages.onRecord')}</h2>
      {loaderData.messages.length === 0 ? (
        <p>{t('courseMessages.onRecordNone')}</p>
      ) : (
        <ul>
          {loaderData.messages.map((m) => (
            <li key={m.id}>
              <Link to={`${loaderData.base}/messages/${m.id}`}>{m.subject}</Link> — {t(`courseMessages.status_${m.status}`)}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('staffApplications.answers')}</h2>
      <dl className="facts">
        {loaderData.answers.map((a, i) => (
          <div key={i} className="contents">
            <dt>{a.label}</dt>
            <dd>{a.value}</dd>
          </div>
        ))}
      </dl>
      <h2>{t('staffApplications.decide')}</h2>
      <Form method="post" className="stack" noValidate onSubmit={decide.onSubmit}>
        <input type="hidden" name="intent" value="decide" />
        <RadioGroup
          name="decision"
          legend={t('staffApplications.decision')}
          error={decideErrors.decision}
          options={(['accept', 'decline', 'waitlist'] as const).map((d) => ({ value: d, label: t(`staffApplications.decision_${d}`) }))}
        />
        <TextAreaField name="message" label={t('staffApplications.message')} hint={t('staffApplications.messageHint')} error={decideErrors.message} />
        <div>
          <button type="submit" disabled={busy}>
            {t('staffApplications.recordDecision')}
          </button>
        </div>
      </Form>
      <h2>{t('staffApplications.changeCategory')}</h2>
      <Form method="post" className="stack" noValidate onSubmit={category.onSubmit}>
        <input type="hidden" name="intent" value="category" />
        <SelectField name="categoryKey" label={t('staffApplications.newCategory')} defaultValue={r.categoryKey} options={loaderData.categories} error={categoryErrors.categoryKey} />
        <TextAreaField name="reason" label={t('staffApplications.reason')} hint={t('staffApplications.reasonHint')} error={categoryErrors.reason} rows={2} />
        <div>
          <button type="submit" className="secondary" disabled={busy}>
            {t('staffApplications.changeCategoryButton')}
          </button>
        </div>
      </Form>
    </main>
  );
}
