import { data, Form, Link, useActionData, useNavigation } from 'react-router';
import { resetPasswordSchema } from '#app/forms/auth.ts';
import { authErrorCode } from '#app/lib/auth-responses.server.ts';
import { requireOrganization, services } from '#app/lib/guards.server.ts';
import { parseForm } from '#app/lib/forms.ts';
import { useSchemaForm } from '#app/lib/use-schema-form.ts';
import { FormAlert, NewPasswordField } from '#app/components/field.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { SiteDescription } from '#app/components/meta-description.tsx';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/reset-password.ts';

// Public: the holder of a valid reset token may set a new password; the token is the check.
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  const url = new URL(request.url);
  return { slug: org.slug, token: url.searchParams.get('token') ?? '', invalid: url.searchParams.has('error') || !url.searchParams.get('token') };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  await requireOrganization(context, params.org);
  const parsed = parseForm(resetPasswordSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, done: false, alert: parsed.errors.token ? t('auth.resetInvalid') : t('form.fixErrors') }, { status: 400 });
  try {
    await services(context).auth.api.resetPassword({ body: { newPassword: parsed.data.password, token: parsed.data.token } });
  } catch (error) {
    if (authErrorCode(error)) return data({ errors: {}, done: false, alert: t('auth.resetInvalid') }, { status: 400 });
    throw error;
  }
  return { errors: {}, done: true, alert: undefined };
}

export default function ResetPassword({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const { errors, onSubmit, message } = useSchemaForm(resetPasswordSchema, actionData?.errors, actionData?.alert);
  const busy = useNavigation().state === 'submitting';
  if (actionData?.done) {
    return (
      <main id="main" className="page narrow">
        <title>{t('auth.resetTitle')}</title>
        <SiteDescription describe={(org) => t('meta.resetPassword', { org })} />
        <h1>{t('auth.resetTitle')}</h1>
        <FormAlert message={t('auth.resetDone')} tone="success" />
        <Link className="button" to={`/o/${loaderData.slug}/sign-in`}>
          {t('auth.signInSubmit')}
        </Link>
      </main>
    );
  }
  return (
    <main id="main" className="page narrow">
      <title>{t('auth.resetTitle')}</title>
      <SiteDescription describe={(org) => t('meta.resetPassword', { org })} />
      <h1>{t('auth.resetTitle')}</h1>
      <ErrorSummary message={message ?? (loaderData.invalid ? t('auth.resetInvalid') : undefined)} errors={errors} labels={{ password: t('auth.password') }} attempt={actionData} />
      <Form method="post" className="stack" onSubmit={onSubmit} noValidate>
        <input type="hidden" name="token" value={loaderData.token} />
        <NewPasswordField error={errors.password} />
        <div>
          <button type="submit" disabled={busy}>
            {t('auth.resetSubmit')}
          </button>
        </div>
      </Form>
    </main>
  );
}
