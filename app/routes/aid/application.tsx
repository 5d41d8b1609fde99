import { useMemo } from 'react';
import { data, Form, Link, useActionData, useNavigation } from 'react-router';
import { z } from 'zod';
import { Field, FormAlert } from '#app/components/field.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { parseForm } from '#app/lib/forms.ts';
import { requireIds, requirePermission, services } from '#app/lib/guards.server.ts';
import { useSchemaForm } from '#app/lib/use-schema-form.ts';
import { RadioGroup, TextAreaField } from '#app/components/choices.tsx';
import { decideAidApplication } from '#domain/aid/decide-application.server.ts';
import { getAidLimits } from '#domain/aid/find-aid.server.ts';
import { COMMENT_MAX } from '#domain/aid/program.ts';
import { saveAidReview } from '#domain/aid/review-application.server.ts';
import { viewAidApplication } from '#domain/aid/view-application.server.ts';
import { DomainError } from '#domain/errors.ts';
import { formatDate, t } from '#lib/i18n.ts';
import { formatAmountInput, formatMoney } from '#lib/money.ts';
import { aidAmountError, aidAmountMinor, aidProblem } from './messages.ts';
import type { Route } from './+types/application.ts';

const reviewSchema = z.object({
  intent: z.literal('review'),
  score: z.enum(['1', '2', '3', '4', '5'], { message: t('aidAdmin.scoreRequired') }),
  comment: z.string().trim().max(COMMENT_MAX).default(''),
});

// The program maximum is checked again (with the amount due) under the course lock when deciding.
const decisionSchema = (currency: string, maxMinor: number) =>
  z
    .object({
      intent: z.literal('decide'),
      decision: z.enum(['award', 'decline'], { message: t('aidAdmin.decisionRequired') }),
      amount: z.string().default(''),
    })
    .superRefine((v, ctx) => {
      if (v.decision !== 'award') return;
      const message = aidAmountError(v.amount, currency, 'award', maxMinor);
      if (message) ctx.addIssue({ code: 'custom', path: ['amount'], message });
    });

// Only the financial-aid committee: admins and directors are refused (403) like anyone else.
// Every load opens the sealed content and writes an 'aid_application.viewed' audit row.
async function guard(request: Request, context: Route.LoaderArgs['context'], params: Route.LoaderArgs['params']) {
  const allowed = await requirePermission(request, context, params.org, 'financial-aid:review');
  requireIds(params.courseId, params.applicationId);
  return allowed;
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org, user, actor } = await guard(request, context, params);
  const { db, encryptionKey } = services(context);
  try {
    const view = await viewAidApplication(db, { organizationId: org.id, courseId: params.courseId, applicationId: params.applicationId, viewerUserId: user.id }, actor, { keys: encryptionKey });
    const money = (minor: number) => formatMoney(minor, view.course.currency);
    const mine = view.reviews.find((r) => r.mine);
    const dueMinor = view.account.dueMinor;
    return {
      listUrl: `/o/${org.slug}/admin/financial-aid/${view.course.id}`,
      course: { title: view.course.title, currency: view.course.currency, maxMinor: view.course.financialAidMaxMinor ?? 0 },
      applicant: view.applicant,
      application: {
        status: view.application.status,
        statusText: t(`aidAdmin.status_${view.application.status}`, { amount: money(view.application.awardedMinor ?? 0) }),
        requested: money(view.application.requestedMinor),
        decidedOn: view.application.decidedAt ? formatDate(view.application.decidedAt.toISOString().slice(0, 10)) : null,
        defaultAmount: formatAmountInput(Math.min(view.application.requestedMinor, view.course.financialAidMaxMinor ?? 0, Math.max(dueMinor, 0)), view.course.currency),
      },
      content: view.content,
      due: money(dueMinor),
      paid: money(view.account.netPaidMinor),
      maxPerAward: money(view.course.financialAidMaxMinor ?? 0),
      reviews: view.reviews.map((r) => ({ id: r.id, reviewer: r.reviewer, score: r.score, comment: r.comment, mine: r.mine })),
      averageScore: view.averageScore === null ? null : view.averageScore.toFixed(1),
      myReview: mine ? { score: String(mine.score), comment: mine.comment } : null,
    };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'AID_APPLICATION_NOT_FOUND') throw data(null, { status: 404 });
    throw error;
  }
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, user, actor } = await guard(request, context, params);
  const { db, jobs, publicUrl, encryptionKey } = services(context);
  const formData = await request.formData();
  const intent = formData.get('intent') === 'review' ? 'review' : 'decide';
  const values = { max: '', due: '' };
  try {
    if (intent === 'review') {
      const parsed = parseForm(reviewSchema, formData);
      if (!parsed.ok) return data({ form: intent, errors: parsed.errors, alert: t('form.fixErrors'), done: undefined }, { status: 400 });
      await saveAidReview(
        db,
        { organizationId: org.id, applicationId: params.applicationId, reviewerUserId: user.id, score: Number(parsed.data.score), comment: parsed.data.comment },
        actor,
        { keys: encryptionKey },
      );
      return { form: intent, errors: {}, alert: undefined, done: t('aidAdmin.reviewSaved') };
    }
    const limits = await getAidLimits(db, org.id, params.applicationId);
    const parsed = parseForm(decisionSchema(limits.currency, limits.maxMinor), formData);
    if (!parsed.ok) return data({ form: intent, errors: parsed.errors, alert: t('form.fixErrors'), done: undefined }, { status: 400 });
    const decision = parsed.data.decision === 'award' ? { decision: 'award' as const, amountMinor: aidAmountMinor(parsed.data.amount, limits.currency) } : { decision: 'decline' as const };
    const result = await decideAidApplication(db, { organizationId: org.id, applicationId: params.applicationId, ...decision }, actor, { publicUrl });
    await jobs.deliverEmails(result.emailIds);
    const money = (minor: number) => formatMoney(minor, result.application.currency);
    const done =
      result.application.status === 'awarded'
        ? [t('aidAdmin.awardedDone', { amount: money(result.application.awardedMinor ?? 0) }), result.refund ? t('aidAdmin.awardedRefund', { amount: money(result.refund.amountMinor) }) : '']
            .filter(Boolean)
            .join(' ')
        : t('aidAdmin.declinedDone');
    return { form: intent, errors: {}, alert: undefined, done };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.code === 'AID_APPLICATION_NOT_FOUND') throw data(null, { status: 404 });
    // The amounts the messages name come from a fresh read (never trusted from the form).
    if (error.code === 'AID_AMOUNT_OVER_MAX' || error.code === 'AID_AMOUNT_OVER_DUE') {
      const view = await viewLimits(context, org.id, params.applicationId);
      Object.assign(values, view);
    }
    const problem = aidProblem(error, values);
    return data({ form: intent, ...problem, done: undefined }, { status: Object.keys(problem.errors).length > 0 ? 400 : 409 });
  }
}

async function viewLimits(context: Route.ActionArgs['context'], organizationId: string, applicationId: string) {
  const limits = await getAidLimits(services(context).db, organizationId, applicationId);
  return { max: formatMoney(limits.maxMinor, limits.currency), due: formatMoney(limits.dueMinor, limits.currency) };
}

export default function AidApplication({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const review = useSchemaForm(reviewSchema, actionData?.form === 'review' ? actionData.errors : undefined, actionData?.alert);
  const decisionRules = useMemo(() => decisionSchema(loaderData.course.currency, loaderData.course.maxMinor), [loaderData.course.currency, loaderData.course.maxMinor]);
  const decide = useSchemaForm(decisionRules, actionData?.form === 'decide' ? actionData.errors : undefined, actionData?.alert);
  const reviewErrors: Record<string, string> = review.errors;
  const decideErrors: Record<string, string> = decide.errors;
  const { applicant, application, content } = loaderData;
  const open = application.status === 'submitted';
  return (
    <main id="main">
      <title>{t('aidAdmin.applicationTitle', { name: applicant.name })}</title>
      <p>
        <Link to={loaderData.listUrl}>{t('aidAdmin.backToList')}</Link>
      </p>
      <h1>{t('aidAdmin.applicationTitle', { name: applicant.name })}</h1>
      <p className="muted">
        {loaderData.course.title} · {t('aidAdmin.viewAudited')}
      </p>
      <ErrorSummary
        message={review.message && decide.message /* the server's, until either form is refused in the browser */}
        errors={{ ...reviewErrors, ...decideErrors }}
        labels={{ score: t('aidAdmin.score'), comment: t('aidAdmin.comment'), decision: t('aidAdmin.decision'), amount: t('aidAdmin.amount') }}
        attempt={actionData}
      />
      <FormAlert message={actionData?.done} tone="success" />
      <dl className="facts">
        <dt>{t('aidAdmin.requested')}</dt>
        <dd>{application.requested}</dd>
        <dt>{t('aidAdmin.status')}</dt>
        <dd>
          {application.statusText}
          {application.decidedOn ? ` · ${t('aidAdmin.decided', { date: application.decidedOn })}` : null}
        </dd>
        <dt>{t('aidAdmin.registrationStatus')}</dt>
        <dd>{t(`registration.status_${applicant.status}`)}</dd>
        <dt>{t('aidAdmin.category')}</dt>
        <dd>{applicant.categoryLabel}</dd>
        <dt>{t('aidAdmin.due')}</dt>
        <dd>{loaderData.due}</dd>
        <dt>{t('aidAdmin.paid')}</dt>
        <dd>{loaderData.paid}</dd>
      </dl>
      <h2>{t('aidAdmin.statement')}</h2>
      <p style={{ whiteSpace: 'pre-wrap' }}>
        {content.statement}
      </p>
      <h2>{t('aidAdmin.selfIdentification')}</h2>
      {content.preferNotToSay ? (
        <p>{t('aidAdmin.preferNotToSay')}</p>
      ) : content.groups.length === 0 && !content.selfDescribed ? (
        <p>{t('aidAdmin.noneGiven')}</p>
      ) : (
        <ul>
          {content.groups.map((g) => (
            <li key={g}>{t(`aid.group_${g}`)}</li>
          ))}
          {content.selfDescribed ? (
            <li>
              {t('aidAdmin.selfDescribed')}: {content.selfDescribed}
            </li>
          ) : null}
        </ul>
      )}
      <h2>{t('aidAdmin.reviewsHeading')}</h2>
      {loaderData.reviews.length === 0 ? <p>{t('aidAdmin.noReviews')}</p> : null}
      {loaderData.averageScore ? (
        <p>
          {t('aidAdmin.averageScore')}: {loaderData.averageScore}
        </p>
      ) : null}
      <ul className="card-list">
        {loaderData.reviews.map((r) => (
          <li key={r.id} className="card">
            <p>
              <strong>{t('aidAdmin.reviewBy', { name: r.reviewer, score: r.score })}</strong>
            </p>
            {r.comment ? <p style={{ whiteSpace: 'pre-wrap' }}>{r.comment}</p> : null}
          </li>
        ))}
      </ul>
      {open ? (
        <>
          <h2>{t('aidAdmin.yourReview')}</h2>
          <Form method="post" className="stack" noValidate onSubmit={review.onSubmit}>
            <input type="hidden" name="intent" value="review" />
            <RadioGroup
              name="score"
              legend={t('aidAdmin.score')}
              defaultValue={loaderData.myReview?.score}
              error={reviewErrors.score}
              options={(['1', '2', '3', '4', '5'] as const).map((s) => ({ value: s, label: t(`aidAdmin.score_${s}`) }))}
            />
            <TextAreaField name="comment" label={t('aidAdmin.comment')} defaultValue={loaderData.myReview?.comment} error={reviewErrors.comment} rows={3} />
            <div>
              <button type="submit" className="secondary" disabled={busy}>
                {t('aidAdmin.saveReview')}
              </button>
            </div>
          </Form>
          <h2>{t('aidAdmin.decisionHeading')}</h2>
          <p>{t('aidAdmin.decisionFinal')}</p>
          <Form method="post" className="stack" noValidate onSubmit={decide.onSubmit}>
            <input type="hidden" name="intent" value="decide" />
            <RadioGroup
              name="decision"
              legend={t('aidAdmin.decision')}
              error={decideErrors.decision}
              options={(['award', 'decline'] as const).map((d) => ({ value: d, label: t(`aidAdmin.decision_${d}`) }))}
            />
            <Field
              name="amount"
              label={t('aidAdmin.amount')}
              hint={t('aidAdmin.amountHint', { max: loaderData.maxPerAward, due: loaderData.due })}
              defaultValue={application.defaultAmount}
              error={decideErrors.amount}
            />
            <div>
              <button type="submit" disabled={busy}>
                {t('aidAdmin.recordDecision')}
              </button>
            </div>
          </Form>
        </>
      ) : null}
    </main>
  );
}
