// /o/:org/registrations/:registrationId/evaluation — the participant's end-of-course
// evaluation: each scale question a radio group from 1 (strongly disagree) to 5 (strongly
// agree), comments as text. Answers are kept without the person; only that they completed it
// is kept with their registration. The registration's holder only: anyone else gets a 404.
import { data, Form, Link, useActionData, useNavigation } from 'react-router';
import { RadioGroup, TextAreaField } from '#app/components/choices.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { errorMessage } from '#app/lib/error-messages.ts';
import { formValues } from '#app/lib/forms.ts';
import { requireOrganization, requireUser, services } from '#app/lib/guards.server.ts';
import { DomainError } from '#domain/errors.ts';
import { findEvaluationPage, holdsCertificate } from '#domain/evaluations/find-evaluation-page.server.ts';
import { submitEvaluation } from '#domain/evaluations/submit-evaluation.server.ts';
import { formatDate, formatDateRange, t } from '#lib/i18n.ts';
import type { Route } from './+types/evaluation-form.ts';

async function requirePage(request: Request, context: Route.LoaderArgs['context'], params: Route.LoaderArgs['params']) {
  const org = await requireOrganization(context, params.org);
  const user = await requireUser(request, context, org.slug);
  const page = await findEvaluationPage(services(context).db, { organizationId: org.id, registrationId: params.registrationId ?? '', userId: user.id });
  if (!page) throw data(null, { status: 404 });
  return { org, user, page };
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org, page } = await requirePage(request, context, params);
  return {
    slug: org.slug,
    courseTitle: page.course.title,
    dates: formatDateRange(page.course.startsOn, page.course.endsOn),
    participating: page.participating,
    open: page.open,
    completedOn: page.completedOn,
    questions: page.questions.map((q) => ({ key: q.key, kind: q.kind, text: q.text, required: q.required })),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, user, page } = await requirePage(request, context, params);
  const { db, jobs, publicUrl, requestId } = services(context);
  const values = formValues(await request.formData());
  try {
    const result = await submitEvaluation(db, { userId: user.id, requestId }, { organizationId: org.id, registrationId: page.registrationId, userId: user.id, values, publicUrl });
    if (!result.ok) return data({ errors: result.errors, values, alert: undefined, thanks: false, certificate: false }, { status: 400 });
    await jobs.deliverEmails(result.emailIds);
    const certificate = result.emailIds.length > 0 || (await holdsCertificate(db, { organizationId: org.id, registrationId: page.registrationId }));
    return { errors: {}, values: undefined, alert: undefined, thanks: true, certificate };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return data({ errors: {}, values, alert: errorMessage(error.code), thanks: false, certificate: false }, { status: 409 });
  }
}

export default function EvaluationForm({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const errors: Record<string, string> = actionData?.errors ?? {};
  const posted: Record<string, string> | undefined = actionData?.values;
  const back = (
    <p>
      <Link to={`/o/${loaderData.slug}/registrations`}>{t('evaluationPage.back')}</Link>
    </p>
  );
  const heading = (
    <>
      <title>{`${t('evaluationPage.title')}: ${loaderData.courseTitle}`}</title>
      <h1>{t('evaluationPage.title')}</h1>
      <p className="muted">
        {loaderData.courseTitle} · {loaderData.dates}
      </p>
    </>
  );
  if (actionData?.thanks) {
    return (
      <main id="main" className="page narrow">
        {heading}
        <div className="notice success" role="status">
          <p>
            <strong>{t('evaluationPage.thanks')}</strong>
          </p>
          {actionData.certificate ? (
            <p>
              {t('evaluationPage.certificateOnItsWay')} <Link to={`/o/${loaderData.slug}/certificates`}>{t('evaluationPage.yourCertificates')}</Link>
            </p>
          ) : null}
        </div>
        {back}
      </main>
    );
  }
  if (loaderData.completedOn || !loaderData.open) {
    return (
      <main id="main" className="page narrow">
        {heading}
        <p>
          {loaderData.completedOn
            ? t('evaluationPage.alreadyDone', { date: formatDate(loaderData.completedOn) })
            : loaderData.participating
              ? t('evaluationPage.notOpen')
              : t('evaluationPage.notParticipating')}
        </p>
        <ErrorSummary message={actionData?.alert} attempt={actionData} />
        {back}
      </main>
    );
  }
  const labels = Object.fromEntries(loaderData.questions.map((q) => [`q.${q.key}`, q.text]));
  const scale = [1, 2, 3, 4, 5].map((n) => ({
    value: String(n),
    label: n === 1 ? t('evaluationPage.scale1') : n === 5 ? t('evaluationPage.scale5') : String(n),
  }));
  return (
    <main id="main" className="page narrow">
      {heading}
      <p>{t('evaluationPage.intro')}</p>
      <ErrorSummary message={actionData?.alert} errors={errors} labels={labels} attempt={actionData} />
      <Form method="post" className="stack" noValidate>
        {loaderData.questions.map((q) =>
          q.kind === 'scale' ? (
            <RadioGroup
              key={q.key}
              name={`q.${q.key}`}
              legend={q.required ? q.text : `${q.text} ${t('evaluationPage.optional')}`}
              hint={t('evaluationPage.scaleHint')}
              options={scale}
              defaultValue={posted?.[`q.${q.key}`]}
              error={errors[`q.${q.key}`]}
            />
          ) : (
            <TextAreaField
              key={q.key}
              name={`q.${q.key}`}
              label={q.required ? q.text : `${q.text} ${t('evaluationPage.optional')}`}
              hint={t('evaluationPage.noPatients')}
              defaultValue={posted?.[`q.${q.key}`]}
              error={errors[`q.${q.key}`]}
            />
          ),
        )}
        <div>
          <button type="submit" disabled={busy}>
            {t('evaluationPage.submit')}
          </button>
        </div>
      </Form>
      {back}
    </main>
  );
}
