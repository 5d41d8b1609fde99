// /o/:org/series/:seriesId — a series' public page: its sessions (in the group's zone), price,
// places left against the maximum, the minimum and its decide-by date, and the sign-up form.
// A free series signs a visitor up at once (a confirmation email); a paid one needs an account
// and goes on to the checkout (card, or invoice) as a series_enrollment line.
import { data, Form, Link, useActionData, useNavigation } from 'react-router';
import { Temporal } from 'temporal-polyfill';
import { RadioGroup } from '#app/components/choices.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { Field, FormAlert } from '#app/components/field.tsx';
import { errorMessage, fieldMessage } from '#app/lib/error-messages.ts';
import { parseForm } from '#app/lib/forms.ts';
import { getSessionUser, requireIds, requireOrganization, services } from '#app/lib/guards.server.ts';
import { startCheckout } from '#app/routes/payments/start-checkout.server.ts';
import { DomainError } from '#domain/errors.ts';
import { seriesEnrollmentAccount } from '#domain/money/read-account.server.ts';
import { enrollInSeries } from '#domain/series/enroll.server.ts';
import { signUpSchema } from '#domain/series/series-form.ts';
import { countSignUps, findMyEnrollment, getSeries, patternOf, sessionsOf } from '#domain/series/series.server.ts';
import { enrollmentClosesAt, signUpState } from '#domain/series/sessions.ts';
import { formatDate, t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';
import type { Route } from './+types/sign-up.ts';

function when(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(Temporal.Instant.from(iso).epochMilliseconds);
}

async function load(request: Request, context: Route.LoaderArgs['context'], params: Route.LoaderArgs['params']) {
  const org = await requireOrganization(context, params.org);
  requireIds(params.seriesId);
  const { db } = services(context);
  let found;
  try {
    found = await getSeries(db, org.id, params.seriesId);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'SERIES_NOT_FOUND') throw data(null, { status: 404 });
    throw error;
  }
  const user = await getSessionUser(request, context);
  const mine = user ? await findMyEnrollment(db, found.series.id, user.id) : undefined;
  return { org, user, ...found, mine };
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org, user, series, listing, mine } = await load(request, context, params);
  const { db, payments } = services(context);
  const signUps = (await countSignUps(db, [series.id])).get(series.id) ?? 0;
  const state = signUpState(patternOf(listing), series, signUps, Temporal.Now.instant());
  const owes = mine ? Math.max(0, (await seriesEnrollmentAccount(db, mine.id)).balanceMinor) : 0;
  const methods = [...(payments ? ['card'] : []), ...(org.paymentInstructions.trim() ? ['invoice'] : [])];
  return {
    slug: org.slug,
    signedIn: user !== null,
    user: user ? { name: user.name, email: user.email } : null,
    series: { id: series.id, title: series.title, status: series.status, priceMinor: series.priceMinor, currency: series.currency, minimum: series.minimum, maximum: series.maximum, decideBy: series.decideBy, sessionCount: series.sessionCount, firstSessionOn: series.firstSessionOn },
    group: listing.title,
    timeZone: listing.timeZone,
    state,
    left: Math.max(0, series.maximum - signUps),
    closes: when(enrollmentClosesAt(patternOf(listing), series).toString(), listing.timeZone),
    sessions: sessionsOf(listing, series).map((s) => when(s.start, listing.timeZone)),
    enrolled: mine !== undefined,
    owes,
    methods,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, user, series, mine } = await load(request, context, params);
  const { db, publicUrl, jobs, requestId } = services(context);
  const form = await request.formData();
  const paid = series.priceMinor > 0;
  if (user) {
    // A member signs up as themself.
    form.set('name', user.name);
    form.set('email', user.email);
  }
  const parsed = parseForm(signUpSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, alert: t('form.fixErrors'), done: undefined }, { status: 400 });
  const method = parsed.data.method;
  if (paid && !user) return data({ errors: {}, values: parsed.values, alert: errorMessage('SERIES_SIGN_IN_TO_PAY'), done: undefined }, { status: 409 });
  if (paid && !method) return data({ errors: { method: t('form.required') }, values: parsed.values, alert: t('form.fixErrors'), done: undefined }, { status: 400 });
  if (parsed.data.intent === 'pay' && !mine) return data({ errors: {}, values: parsed.values, alert: errorMessage('SERIES_ENROLLMENT_NOT_FOUND'), done: undefined }, { status: 409 });
  let enrollmentId = mine?.id;
  if (!mine) {
    try {
      const enrolled = await enrollInSeries(db, { organizationId: org.id, seriesId: series.id, userId: user?.id ?? null, name: parsed.data.name, email: parsed.data.email }, { userId: user?.id ?? null, requestId }, { publicUrl });
      await jobs.deliverEmails(enrolled.emailIds);
      enrollmentId = enrolled.enrollment.id;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const errors = Object.fromEntries(Object.entries(error.fields).map(([f, code]) => [f, fieldMessage(code)]));
      return data({ errors, values: parsed.values, alert: errorMessage(error.code), done: undefined }, { status: 409 });
    }
  }
  if (!paid) return { errors: {}, values: {}, alert: undefined, done: t('seriesSignUp.enrolled', { email: parsed.data.email }) };
  // Paid: the checkout for what the place still owes (card → Stripe's page; invoice → the invoice).
  const result = await startCheckout(context, { org, user, lines: [{ kind: 'series_enrollment', seriesEnrollmentId: enrollmentId! }], method: method!, values: parsed.values });
  if (result instanceof Response) return result;
  return data({ errors: result.data.errors, values: parsed.values, alert: result.data.alert, done: undefined }, { status: result.init?.status ?? 409 });
}

export default function SeriesSignUp({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const { series, slug } = loaderData;
  const errors: Record<string, string> = (actionData?.errors as Record<string, string>) ?? {};
  const values: Record<string, string> = (actionData?.values as Record<string, string>) ?? {};
  const paid = series.priceMinor > 0;
  const price = paid ? formatMoney(series.priceMinor, series.currency) : t('seriesSignUp.free');
  const canSignUp = loaderData.state === 'open' && !loaderData.enrolled && !actionData?.done;
  const methodOptions = loaderData.methods.map((m) => ({ value: m, label: t(m === 'card' ? 'seriesSignUp.card' : 'seriesSignUp.invoice') }));
  return (
    <main id="main" className="page narrow">
      <title>{series.title}</title>
      <h1>{series.title}</h1>
      <p className="muted">{t('seriesSignUp.group', { group: loaderData.group })}</p>
      <ErrorSummary message={actionData?.alert} errors={errors} labels={{ name: t('seriesSignUp.name'), email: t('seriesSignUp.email'), method: t('seriesSignUp.method') }} attempt={actionData} />
      <FormAlert message={actionData?.done} tone="success" />
      <ul>
        <li>{t('seriesSignUp.when', { count: series.sessionCount, first: formatDate(series.firstSessionOn) })}</li>
        <li>{paid ? t('seriesSignUp.price', { price }) : price}</li>
        <li>{t('seriesSignUp.places', { left: loaderData.left, maximum: series.maximum, minimum: series.minimum })}</li>
        {series.status === 'open' ? <li>{t('seriesSignUp.decideBy', { minimum: series.minimum, decideBy: formatDate(series.decideBy) })}</li> : null}
        <li>{t('seriesSignUp.closes', { when: loaderData.closes })}</li>
      </ul>
      {series.status === 'confirmed' ? <p>{t('seriesSignUp.confirmed')}</p> : null}
      {loaderData.state === 'cancelled' ? <p>{t('seriesSignUp.cancelled')}</p> : null}
      {loaderData.state === 'full' ? <p>{t('seriesSignUp.full')}</p> : null}
      {loaderData.state === 'closed' ? <p>{t('seriesSignUp.closed')}</p> : null}
      {loaderData.enrolled ? <p>{t('seriesSignUp.youAreIn')}</p> : null}
      {loaderData.enrolled && loaderData.owes > 0 && loaderData.methods.length > 0 ? (
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="pay" />
          <RadioGroup name="method" legend={t('seriesSignUp.method')} options={methodOptions} defaultValue={values.method ?? loaderData.methods[0]} error={errors.method} />
          <div>
            <button type="submit" disabled={busy}>
              {t('seriesSignUp.payNow', { amount: formatMoney(loaderData.owes, series.currency) })}
            </button>
          </div>
        </Form>
      ) : null}
      {canSignUp && paid && !loaderData.signedIn ? (
        <p>
          <Link to={`/o/${slug}/sign-in?next=${encodeURIComponent(`/o/${slug}/series/${series.id}`)}`}>{t('seriesSignUp.signInToPay')}</Link>
        </p>
      ) : null}
      {canSignUp && (!paid || loaderData.signedIn) ? (
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="signup" />
          {loaderData.user ? (
            <p>
              {loaderData.user.name} ({loaderData.user.email})
            </p>
          ) : (
            <>
              <Field name="name" label={t('seriesSignUp.name')} defaultValue={values.name} error={errors.name} autoComplete="name" required />
              <Field name="email" type="email" label={t('seriesSignUp.email')} defaultValue={values.email} error={errors.email} autoComplete="email" required />
            </>
          )}
          {paid && methodOptions.length > 0 ? <RadioGroup name="method" legend={t('seriesSignUp.method')} options={methodOptions} defaultValue={values.method ?? loaderData.methods[0]} error={errors.method} /> : null}
          <div>
            <button type="submit" disabled={busy}>
              {paid ? t('seriesSignUp.signUpAndPay') : t('seriesSignUp.signUp')}
            </button>
          </div>
        </Form>
      ) : null}
      <h2>{t('seriesSignUp.sessionsHeading')}</h2>
      <p className="hint">{t('seriesSignUp.timesIn', { zone: loaderData.timeZone })}</p>
      <ol>
        {loaderData.sessions.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
    </main>
  );
}
