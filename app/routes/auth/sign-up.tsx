import { data, Form, Link, redirect, useActionData, useNavigation } from 'react-router';
import { signUpSchema } from '#app/forms/auth.ts';
import { authErrorCode, forwardedHeaders } from '#app/lib/auth-responses.server.ts';
import { requireOrganization, services } from '#app/lib/guards.server.ts';
import { parseForm } from '#app/lib/forms.ts';
import { MIN_PASSWORD_LENGTH } from '#domain/accounts/password.ts';
import { useSchemaForm } from '#app/lib/use-schema-form.ts';
import { Field, NewPasswordField } from '#app/components/field.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { SiteDescription } from '#app/components/meta-description.tsx';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/sign-up.ts';

// Public page: anyone may create an account.
export async function loader({ context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  return { slug: org.slug };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const org = await requireOrganization(context, params.org);
  const parsed = parseForm(signUpSchema, await request.formData());
  const values = { name: parsed.values.name ?? '', email: parsed.values.email ?? '' };
  if (!parsed.ok) return data({ errors: parsed.errors, values, alert: t('form.fixErrors') }, { status: 400 });
  try {
    await services(context).auth.api.signUpEmail({
      body: { name: parsed.data.name, email: parsed.data.email, password: parsed.data.password, callbackURL: `/o/${org.slug}/verified` },
      headers: forwardedHeaders(request),
    });
  } catch (error) {
    const code = authErrorCode(error);
    if (code === 'USER_ALREADY_EXISTS' || code === 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL') {
      return data({ errors: { email: t('auth.emailTaken') }, values, alert: t('form.fixErrors') }, { status: 409 });
    }
    if (code === 'PASSWORD_TOO_SHORT') return data({ errors: { password: t('form.tooShort', { min: MIN_PASSWORD_LENGTH }) }, values, alert: t('form.fixErrors') }, { status: 400 });
    throw error;
  }
  throw redirect(`/o/${org.slug}/check-email`);
}

export default function SignUp({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const { errors, onSubmit, message } = useSchemaForm(signUpSchema, actionData?.errors, actionData?.alert);
  const busy = useNavigation().state === 'submitting';
  return (
    <main id="main" className="page narrow">
      <title>{t('auth.signUpTitle')}</title>
      <SiteDescription describe={(org) => t('meta.signUp', { org })} />
      <h1>{t('auth.signUpTitle')}</h1>
      <ErrorSummary message={message} errors={errors} labels={{ name: t('auth.name'), email: t('auth.email'), password: t('auth.password') }} attempt={actionData} />
      <Form method="post" className="stack" onSubmit={onSubmit} noValidate>
        <Field name="name" label={t('auth.name')} autoComplete="name" required defaultValue={actionData?.values.name} error={errors.name} />
        <Field name="email" type="email" label={t('auth.email')} autoComplete="email" required defaultValue={actionData?.values.email} error={errors.email} />
        <NewPasswordField error={errors.password} />
        <div>
          <button type="submit" disabled={busy}>
            {t('auth.signUpSubmit')}
          </button>
        </div>
      </Form>
      <p>
        <Link to={`/o/${loaderData.slug}/sign-in`}>{t('auth.haveAccount')}</Link>
      </p>
    </main>
  );
}
