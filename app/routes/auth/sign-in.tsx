import { data, Form, Link, redirect, useActionData, useNavigation } from 'react-router';
import { signInSchema } from '#app/forms/auth.ts';
import { cookieHeaders, forwardedHeaders } from '#app/lib/auth-responses.server.ts';
import { getSessionUser, requireOrganization, safeNext, services } from '#app/lib/guards.server.ts';
import { parseForm } from '#app/lib/forms.ts';
import { useSchemaForm } from '#app/lib/use-schema-form.ts';
import { Field, FormAlert } from '#app/components/field.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { checkSignInAllowed, recordSignInAttempt } from '#domain/accounts/sign-in-throttle.server.ts';
import { SiteDescription } from '#app/components/meta-description.tsx';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/sign-in.ts';

// Public page. A signed-in visitor is sent on.
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  const url = new URL(request.url);
  const next = safeNext(url.searchParams.get('next'), `/o/${org.slug}`);
  if (await getSessionUser(request, context)) throw redirect(next);
  return { slug: org.slug, next, reason: url.searchParams.get('next') ? t('auth.sessionExpired') : undefined };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const org = await requireOrganization(context, params.org);
  const { db, auth, clientAddress } = services(context);
  const parsed = parseForm(signInSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, values: { email: parsed.values.email ?? '' }, alert: t('form.fixErrors') }, { status: 400 });
  const { email, password } = parsed.data;
  const values = { email };

  const verdict = await checkSignInAllowed(db, email, clientAddress);
  if (!verdict.allowed) {
    return data({ errors: {}, values, alert: t('auth.throttled', { minutes: verdict.retryAfterMinutes }) }, { status: 429 });
  }
  const response = await auth.api.signInEmail({
    body: { email, password, callbackURL: `/o/${org.slug}/verified` },
    headers: forwardedHeaders(request),
    asResponse: true,
  });
  if (response.ok) {
    await recordSignInAttempt(db, email, clientAddress, true);
    throw redirect(safeNext(parsed.data.next, `/o/${org.slug}`), { headers: cookieHeaders(response) });
  }
  if (response.status === 403) {
    // Right password, unconfirmed email: better-auth has sent a fresh confirmation link.
    return data({ errors: {}, values, alert: t('auth.notVerified') }, { status: 403 });
  }
  await recordSignInAttempt(db, email, clientAddress, false);
  return data({ errors: {}, values, alert: t('auth.badCredentials') }, { status: 401 });
}

export default function SignIn({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const { errors, onSubmit, message } = useSchemaForm(signInSchema, actionData?.errors, actionData?.alert);
  const busy = useNavigation().state === 'submitting';
  return (
    <main id="main" className="page narrow">
      <title>{t('auth.signInTitle')}</title>
      <SiteDescription describe={(org) => t('meta.signIn', { org })} />
      <h1>{t('auth.signInTitle')}</h1>
      {actionData?.alert ? null : <FormAlert message={loaderData.reason} tone="success" />}
      <ErrorSummary message={message} errors={errors} labels={{ email: t('auth.email'), password: t('auth.password') }} attempt={actionData} />
      <Form method="post" className="stack" onSubmit={onSubmit} noValidate>
        <input type="hidden" name="next" value={loaderData.next} />
        <Field name="email" type="email" label={t('auth.email')} autoComplete="email" required defaultValue={actionData?.values.email} error={errors.email} />
        <Field name="password" type="password" label={t('auth.password')} autoComplete="current-password" required error={errors.password} />
        <div>
          <button type="submit" disabled={busy}>
            {t('auth.signInSubmit')}
          </button>
        </div>
      </Form>
      <p>
        <Link to={`/o/${loaderData.slug}/forgot-password`}>{t('auth.forgot')}</Link>
      </p>
      <p>
        <Link to={`/o/${loaderData.slug}/sign-up`}>{t('auth.noAccount')}</Link>
      </p>
    </main>
  );
}
