import { data, Form, useActionData, useNavigation } from 'react-router';
import { forgotPasswordSchema } from '#app/forms/auth.ts';
import { requireOrganization, services } from '#app/lib/guards.server.ts';
import { parseForm } from '#app/lib/forms.ts';
import { useSchemaForm } from '#app/lib/use-schema-form.ts';
import { Field, FormAlert } from '#app/components/field.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { takeThrottle } from '#domain/accounts/throttle.server.ts';
import { SiteDescription } from '#app/components/meta-description.tsx';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/forgot-password.ts';

/** Reset requests one client address may make (any addresses asked for). */
const RESET_REQUESTS_PER_CLIENT = { max: 10, windowMinutes: 15 };

// Public page. The answer is the same whether or not the account exists.
export async function loader({ context, params }: Route.LoaderArgs) {
  await requireOrganization(context, params.org);
  return null;
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const org = await requireOrganization(context, params.org);
  const parsed = parseForm(forgotPasswordSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, sent: undefined, values: { email: parsed.values.email ?? '' } }, { status: 400 });
  const { db, jobs, clientAddress } = services(context);
  // The same answer, in the same time, whether or not the address has an account and whether
  // or not a limit was reached: the mail itself is sent later by a job, which also limits
  // how many reset mails one address receives (server/jobs.server.ts).
  const verdict = await takeThrottle(db, [{ scope: 'reset:client', key: clientAddress ?? 'unknown', ...RESET_REQUESTS_PER_CLIENT }]);
  if (verdict.allowed) await jobs.requestPasswordReset({ email: parsed.data.email, redirectTo: `/o/${org.slug}/reset-password` });
  return { errors: {}, sent: t('auth.forgotSent', { email: parsed.data.email }), values: { email: parsed.data.email } };
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const { errors, onSubmit } = useSchemaForm(forgotPasswordSchema, actionData?.errors);
  const busy = useNavigation().state === 'submitting';
  return (
    <main id="main" className="page narrow">
      <title>{t('auth.forgotTitle')}</title>
      <SiteDescription describe={(org) => t('meta.forgotPassword', { org })} />
      <h1>{t('auth.forgotTitle')}</h1>
      <p>{t('auth.forgotBody')}</p>
      <FormAlert message={actionData?.sent} tone="success" />
      <ErrorSummary errors={errors} labels={{ email: t('auth.email') }} attempt={actionData} />
      <Form method="post" className="stack" onSubmit={onSubmit} noValidate>
        <Field name="email" type="email" label={t('auth.email')} autoComplete="email" required defaultValue={actionData?.values.email} error={errors.email} />
        <div>
          <button type="submit" disabled={busy}>
            {t('auth.forgotSubmit')}
          </button>
        </div>
      </Form>
    </main>
  );
}
