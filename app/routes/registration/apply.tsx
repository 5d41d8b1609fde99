import { data, Form, Link, redirect, useActionData, useNavigation } from 'react-router';
import { Field } from '#app/components/field.tsx';
import { Availability } from '#app/components/registration/availability.tsx';
import { CheckboxField, RadioGroup, SelectField, TextAreaField } from '#app/components/choices.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { errorMessage, fieldMessage } from '#app/lib/error-messages.ts';
import { parseForm } from '#app/lib/forms.ts';
import { getSessionUser, requireOrganization, services } from '#app/lib/guards.server.ts';
import { useSchemaForm } from '#app/lib/use-schema-form.ts';
import { getProfile } from '#domain/accounts/profile.server.ts';
import { DomainError } from '#domain/errors.ts';
import { answersFromForm, applicationFormSchema } from '#domain/registration/application-form.ts';
import { getOwnApplication } from '#domain/registration/application-done.server.ts';
import { getApplicationForm } from '#domain/registration/get-application-form.server.ts';
import { takeApplyThrottle } from '#domain/registration/apply-throttle.server.ts';
import { CONFIRMATION_WINDOW_HOURS } from '#domain/registration/rules.ts';
import { findCurrentMembership } from '#domain/membership/memberships.server.ts';
import { placeRegistration } from '#domain/registration/place-registration.server.ts';
import { Temporal } from 'temporal-polyfill';
import { MetaDescription } from '#app/components/meta-description.tsx';
import { formatDate, formatDateRange, t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';
import type { Route } from './+types/apply.ts';

// Public: anyone may apply, with or without an account. A successful application redirects
// (Post/Redirect/Get) to this page with `?sent=1` (someone not signed in: "check your email",
// the same answer whether or not the address had applied, ADR 0047) or `?registration=<id>`
// (the signed-in applicant's own registration), so a reload shows the answer, not the form.
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  const { db } = services(context);
  const page = await loadPage(db, org.id, params.course);
  const user = await getSessionUser(request, context);
  const profile = user ? await getProfile(db, user.id) : undefined;
  const search = new URL(request.url).searchParams;
  const registrationId = search.get('registration');
  const own = user && registrationId ? await getOwnApplication(db, { organizationId: org.id, courseId: page.course.id, userId: user.id, registrationId }) : undefined;
  const done = own ? { kind: 'registration' as const, registration: own } : search.get('sent') === '1' ? { kind: 'sent' as const } : null;
  const suggestion = user ? await suggestCategory(db, org, { userId: user.id, email: user.email }, page) : null;
  return { ...page, org: { slug: org.slug, name: org.name }, user: user ? { name: user.name, email: user.email } : null, profile, done, suggestion };
}

/**
 * For a signed-in person, the category that fits them: a member rate when their membership is
 * on record today (in the organization's zone), else a non-member rate; trainee rates are theirs to
 * choose. The form pre-selects it and says why.
 */
async function suggestCategory(
  db: Parameters<typeof findCurrentMembership>[0],
  org: { id: string; timeZone: string },
  person: { userId: string; email: string },
  page: { categories: { key: string; requiresMembership: boolean; requiresTraineeStatus: boolean }[] },
) {
  // Membership status is the organization's (ADR 0068): today in its zone.
  const today = Temporal.Now.plainDateISO(org.timeZone).toString();
  const membership = await findCurrentMembership(db, org.id, person, today);
  const member = Boolean(membership?.grantsMemberPrices);
  const fits = page.categories.find((c) => c.requiresMembership === member && !c.requiresTraineeStatus);
  if (!fits) return null;
  return { categoryKey: fits.key, memberUntil: member ? membership!.validTo : null };
}

async function loadPage(db: Parameters<typeof getApplicationForm>[0], organizationId: string, slug: string) {
  try {
    const page = await getApplicationForm(db, organizationId, slug);
    const { course } = page;
    return {
      course: {
        id: course.id,
        slug: course.slug,
        title: course.title,
        startsOn: course.startsOn,
        endsOn: course.endsOn,
        currency: course.currency,
        timeZone: course.timeZone,
        registrationOpensOn: course.registrationOpensOn,
        registrationDeadline: course.registrationDeadline,
        attestations: course.attestations,
        customQuestions: course.customQuestions,
      },
      window: page.window,
      availability: { placesLeft: page.availability.placesLeft, earlyPlacesLeft: page.availability.earlyPlacesLeft, earlyRateOpen: page.availability.earlyRateOpen },
      tierNow: page.tierNow,
      full: page.full,
      categories: page.categories,
      submissionKey: page.submissionKey,
    };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'COURSE_NOT_FOUND') throw data(null, { status: 404 });
    throw error;
  }
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const org = await requireOrganization(context, params.org);
  const { db, jobs, publicUrl, requestId, clientAddress } = services(context);
  const page = await loadPage(db, org.id, params.course);
  const user = await getSessionUser(request, context);
  const formCourse = { ...page.course, categories: page.categories };
  const parsed = parseForm(applicationFormSchema(formCourse, user !== null), await request.formData());
  if (!parsed.ok) return data({ ok: false as const, errors: parsed.errors, values: parsed.values, alert: t('form.fixErrors') }, { status: 400 });
  // One limit per client address, for the form and the API alike (ADR 0047).
  const throttle = await takeApplyThrottle(db, clientAddress);
  if (!throttle.allowed) {
    const alert = t('registrationForm.tooMany', { minutes: Math.ceil(throttle.retryAfterSeconds / 60) });
    return data({ ok: false as const, errors: {} as Record<string, string>, values: parsed.values, alert, code: 'RATE_LIMITED' }, { status: 429, headers: { 'retry-after': String(throttle.retryAfterSeconds) } });
  }
  const v = parsed.data as Record<string, string | undefined>;
  const here = `/o/${org.slug}/courses/${page.course.slug}/apply`;
  try {
    const result = await placeRegistration(
      db,
      {
        organizationId: org.id,
        courseId: page.course.id,
        submissionKey: String(v.submissionKey),
        name: user?.name ?? String(v.name),
        email: user?.email ?? String(v.email),
        categoryKey: String(v.categoryKey),
        discountCode: v.discountCode || undefined,
        complimentaryMembershipRequested: v.complimentaryMembership === 'on',
        answers: answersFromForm(formCourse, v),
        expectedTier: v.expectedTier === 'early' || v.expectedTier === 'regular' ? v.expectedTier : undefined,
      },
      { userId: user?.id ?? null, requestId },
      { publicUrl },
    );
    await jobs.deliverEmails(result.emailIds);
    // Not signed in: one answer whatever happened to the address (placed, or already applied).
    if (!user) return redirect(`${here}?sent=1`);
    return redirect(`${here}?registration=${result.registration.id}`);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const errors = Object.fromEntries(Object.entries(error.fields).map(([field, code]) => [field, fieldMessage(code)]));
    const status = error.code === 'BUSY' ? 503 : error.code === 'INVALID_APPLICATION' || error.fields.discountCode ? 400 : 409;
    return data({ ok: false as const, errors, values: parsed.values, alert: errorMessage(error.code), code: error.code }, { status });
  }
}

export default function Apply({ loaderData }: Route.ComponentProps) {
  const { course, org, user, profile, categories, availability, window, full, tierNow, suggestion } = loaderData;
  const actionData = useActionData<typeof action>();
  const formCourse = { ...course, categories };
  const { errors, onSubmit, message } = useSchemaForm(applicationFormSchema(formCourse, user !== null), actionData?.errors, actionData?.alert);
  const busy = useNavigation().state === 'submitting';
  const money = (amount: number | null) => (amount === null ? '—' : formatMoney(amount, course.currency));
  const title = t('registrationForm.title', { course: course.title });

  if (loaderData.done) return <Done done={loaderData.done} org={org} course={course} />;

  const values: Record<string, string | undefined> = actionData?.values ?? {};
  const value = (name: string, fallback = '') => values[name] ?? fallback;
  const checked = (name: string) => values[name] === 'on';
  return (
    <main id="main" className="page narrow">
      <title>{title}</title>
      <MetaDescription content={t('meta.apply', { title: course.title })} />
      <p>
        <Link to={`/o/${org.slug}/courses/${course.slug}`}>{course.title}</Link> · {formatDateRange(course.startsOn, course.endsOn)}
      </p>
      <h1>{title}</h1>
      <Availability window={window} availability={availability} full={full} opensOn={course.registrationOpensOn} />
      {window !== 'open' ? (
        <p>{t('registrationForm.closedBody')}</p>
      ) : (
        <>
          <p>{t('registrationForm.intro')}</p>
          <p className="notice">{t('registrationForm.confidentiality')}</p>
          <ErrorSummary message={message} errors={errors} labels={fieldLabels(course, user !== null)} attempt={actionData} />
          <Form method="post" className="stack" onSubmit={onSubmit} noValidate>
            <input type="hidden" name="submissionKey" value={loaderData.submissionKey} />
            {full ? null : <input type="hidden" name="expectedTier" value={tierNow} />}
            <fieldset className="field">
              <legend>{t('registrationForm.you')}</legend>
              {user ? (
                <p>{t('registrationForm.signedInAs', { name: user.name, email: user.email })}</p>
              ) : (
                <>
                  <p className="hint">{t('registrationForm.noAccountNeeded')}</p>
                  <Field name="name" label={t('registrationForm.name')} autoComplete="name" required defaultValue={value('name')} error={errors.name} />
                  <Field name="email" type="email" label={t('registrationForm.email')} autoComplete="email" required defaultValue={value('email')} error={errors.email} />
                </>
              )}
              <Field
                name="discipline"
                label={t('registrationForm.discipline')}
                hint={t('registrationForm.disciplineHint')}
                required
                defaultValue={value('discipline', profile?.profession ?? '')}
                error={errors.discipline}
              />
              <Field name="credentials" label={t('registrationForm.credentials')} hint={t('registrationForm.credentialsHint')} defaultValue={value('credentials', profile?.credentials ?? '')} error={errors.credentials} />
              <Field name="institution" label={t('registrationForm.institution')} defaultValue={value('institution', profile?.institution ?? '')} error={errors.institution} />
            </fieldset>

            <RadioGroup
              name="categoryKey"
              legend={t('registrationForm.category')}
              hint={
                suggestion
                  ? `${t('registrationForm.categoryHint')} ${
                      suggestion.memberUntil
                        ? t('registrationForm.suggestedMember', { org: org.name, date: formatDate(suggestion.memberUntil) })
                        : t('registrationForm.suggestedNonMember', { org: org.name })
                    }`
                  : t('registrationForm.categoryHint')
              }
              error={errors.categoryKey}
              defaultValue={value('categoryKey', suggestion?.categoryKey ?? '')}
              options={categories.map((c) => ({
                value: c.key,
                label: `${c.label}: ${full ? t('registrationForm.waitlistPrice', { amount: money(c.amountMinor) }) : c.tier === 'early' ? t('registrationForm.earlyNow', { amount: money(c.amountMinor) }) : t('registrationForm.regularNow', { amount: money(c.amountMinor) })}`,
                hint: c.requiresMembership ? t('registrationForm.memberNote', { org: org.name }) : c.requiresTraineeStatus ? t('registrationForm.traineeNote') : undefined,
              }))}
            />
            <Field name="trainingProgram" label={t('registrationForm.trainingProgram')} hint={t('registrationForm.trainingProgramHint')} defaultValue={value('trainingProgram')} error={errors.trainingProgram} />
            <CheckboxField name="traineeAttested" label={t('registrationForm.traineeAttested')} defaultChecked={checked('traineeAttested')} error={errors.traineeAttested} />

            <fieldset className="field">
              <legend>{t('registrationForm.participation')}</legend>
              <CheckboxField name="clinicallyActive" label={t('registrationForm.clinicallyActive')} defaultChecked={checked('clinicallyActive')} />
              <CheckboxField name="willingToPresent" label={t('registrationForm.willingToPresent')} defaultChecked={checked('willingToPresent')} />
              <CheckboxField name="commitsToAttendAll" label={t('registrationForm.commitsToAttendAll')} defaultChecked={checked('commitsToAttendAll')} error={errors.commitsToAttendAll} />
              <CheckboxField name="understandsNotTherapy" label={t('registrationForm.understandsNotTherapy')} defaultChecked={checked('understandsNotTherapy')} error={errors.understandsNotTherapy} />
            </fieldset>

            {course.attestations.length > 0 ? (
              <fieldset className="field">
                <legend>{t('registrationForm.attestations')}</legend>
                {course.attestations.map((a) => (
                  <CheckboxField key={a.key} name={`a_${a.key}`} label={a.text} defaultChecked={checked(`a_${a.key}`)} error={errors[`a_${a.key}`]} />
                ))}
              </fieldset>
            ) : null}

            {course.customQuestions.length > 0 ? (
              <fieldset className="field">
                <legend>{t('registrationForm.questions')}</legend>
                {course.customQuestions.map((q) =>
                  q.type === 'choice' ? (
                    <SelectField key={q.key} name={`q_${q.key}`} label={q.label} options={q.options ?? []} placeholder="—" required={q.required} defaultValue={value(`q_${q.key}`)} error={errors[`q_${q.key}`]} />
                  ) : q.type === 'textarea' ? (
                    <TextAreaField key={q.key} name={`q_${q.key}`} label={q.label} defaultValue={value(`q_${q.key}`)} error={errors[`q_${q.key}`]} />
                  ) : (
                    <Field key={q.key} name={`q_${q.key}`} label={q.label} required={q.required} defaultValue={value(`q_${q.key}`)} error={errors[`q_${q.key}`]} />
                  ),
                )}
              </fieldset>
            ) : null}

            <fieldset className="field">
              <legend>{t('registrationForm.practical')}</legend>
              <Field name="dietaryNeeds" label={t('registrationForm.dietaryNeeds')} defaultValue={value('dietaryNeeds')} error={errors.dietaryNeeds} />
              <Field name="accessibilityNeeds" label={t('registrationForm.accessibilityNeeds')} defaultValue={value('accessibilityNeeds')} error={errors.accessibilityNeeds} />
              <Field name="heardAbout" label={t('registrationForm.heardAbout')} defaultValue={value('heardAbout')} error={errors.heardAbout} />
              <Field name="discountCode" label={t('registrationForm.discountCode')} hint={t('registrationForm.discountCodeHint')} defaultValue={value('discountCode')} error={errors.discountCode} />
              <CheckboxField name="complimentaryMembership" label={t('registrationForm.complimentaryMembership')} defaultChecked={checked('complimentaryMembership')} />
            </fieldset>
            <div>
              <button type="submit" disabled={busy}>
                {t('registrationForm.submit')}
              </button>
            </div>
          </Form>
        </>
      )}
    </main>
  );
}

type LoaderData = Route.ComponentProps['loaderData'];

/** The form's fields in its order, by name: the error summary links to those in error. */
function fieldLabels(course: LoaderData['course'], signedIn: boolean): Record<string, string> {
  const label = (key: string) => t(`registrationForm.${key}`);
  return {
    ...(signedIn ? {} : { name: label('name'), email: label('email') }),
    discipline: label('discipline'),
    credentials: label('credentials'),
    institution: label('institution'),
    categoryKey: label('category'),
    trainingProgram: label('trainingProgram'),
    traineeAttested: label('traineeAttested'),
    commitsToAttendAll: label('commitsToAttendAll'),
    understandsNotTherapy: label('understandsNotTherapy'),
    ...Object.fromEntries(course.attestations.map((a) => [`a_${a.key}`, a.text])),
    ...Object.fromEntries(course.customQuestions.map((q) => [`q_${q.key}`, q.label])),
    dietaryNeeds: label('dietaryNeeds'),
    accessibilityNeeds: label('accessibilityNeeds'),
    heardAbout: label('heardAbout'),
    discountCode: label('discountCode'),
  };
}

/** The answer to a submitted application (what a reload of it shows too). */
function Done({ done, org, course }: { done: NonNullable<LoaderData['done']>; org: LoaderData['org']; course: LoaderData['course'] }) {
  return (
    <main id="main" className="page narrow">
      <title>{t('registrationForm.done.title')}</title>
      <MetaDescription content={t('meta.apply', { title: course.title })} />
      <h1>{t('registrationForm.done.title')}</h1>
      {done.kind === 'sent' ? (
        <>
          <div className="notice success" role="status">
            <p>{t('registrationForm.done.checkEmail', { hours: CONFIRMATION_WINDOW_HOURS })}</p>
          </div>
          <p className="hint">{t('registrationForm.done.checkEmailHint')}</p>
          <p>
            <Link to={`/o/${org.slug}/courses/${course.slug}`}>{course.title}</Link>
          </p>
        </>
      ) : (
        <>
          <div className="notice success" role="status">
            <p>
              {done.registration.status === 'waitlisted'
                ? t('registrationForm.done.waitlisted', { position: done.registration.position })
                : t(`registrationForm.done.${done.registration.status === 'accepted' ? 'accepted' : 'submitted'}`)}
            </p>
            <p>
              {t('registrationForm.done.price', {
                amount: formatMoney(done.registration.amountMinor, done.registration.currency),
                category: done.registration.categoryLabel,
                tier: t(`registration.tier_${done.registration.tier}`),
              })}
            </p>
            {done.registration.addressConfirmed ? null : <p>{t('registrationForm.done.checkEmail', { hours: CONFIRMATION_WINDOW_HOURS })}</p>}
          </div>
          <ul className="link-row">
            {done.registration.payNow ? (
              <li>
                <Link to={`/o/${org.slug}/registrations/${done.registration.id}/pay`} className="button">
                  {t('money.payNow')}
                </Link>
              </li>
            ) : null}
            <li>
              <Link to={`/o/${org.slug}/registrations`}>{t('registrationForm.done.seeRegistrations')}</Link>
            </li>
          </ul>
        </>
      )}
    </main>
  );
}
