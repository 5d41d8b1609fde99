import { data, Form, Link, redirect, useActionData, useNavigation } from 'react-router';
import { z } from 'zod';
import { NewPasswordField } from '#app/components/field.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { parseForm } from '#app/lib/forms.ts';
import { requireOrganization, services } from '#app/lib/guards.server.ts';
import { MIN_PASSWORD_LENGTH } from '#domain/accounts/password.ts';
import { useSchemaForm } from '#app/lib/use-schema-form.ts';
import { confirmApplication, readConfirmation } from '#domain/registration/confirmation.server.ts';
import { SiteDescription } from '#app/components/meta-description.tsx';
import { formatDateRange, t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';
import type { Route } from './+types/confirm.ts';

// Public: the holder of a "Confirm your application" link (ADR 0047); the token is the check.
// Viewing the page changes nothing (mail scanners follow links): confirming is a POST. An
// account without a password chooses one here, so one mail does both.
const withPassword = z.object({ password: z.string().min(MIN_PASSWORD_LENGTH).max(256) });
const withoutPassword = z.object({});

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  const view = await readConfirmation(services(context).db, org.id, params.token);
  const search = new URL(request.url).searchParams;
  return data(
    { slug: org.slug, view, justConfirmed: search.get('confirmed') === '1', passwordSaved: search.get('password') === '1' },
    { headers: { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' } },
  );
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const org = await requireOrganization(context, params.org);
  const { db, jobs, publicUrl } = services(context);
  const view = await readConfirmation(db, org.id, params.token);
  const needsPassword = view.pending?.needsPassword ?? false;
  const parsed = parseForm(needsPassword ? withPassword : withoutPassword, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, alert: t('form.fixErrors') }, { status: 400 });
  const password = needsPassword ? String((parsed.data as Record<string, unknown>).password) : undefined;
  const result = await confirmApplication(db, { organizationId: org.id, token: params.token, password }, { publicUrl });
  await jobs.deliverEmails(result.emailIds);
  const here = `/o/${org.slug}/registrations/confirm/${params.token}`;
  if (result.confirmedNow) return redirect(`${here}?confirmed=1${result.passwordSet ? '&password=1' : ''}`);
  return redirect(here);
}

export default function ConfirmApplication({ loaderData }: Route.ComponentProps) {
  const { view, slug, justConfirmed, passwordSaved } = loaderData;
  const actionData = useActionData<typeof action>();
  const needsPassword = view.pending?.needsPassword ?? false;
  const { errors, onSubmit, message } = useSchemaForm(needsPassword ? withPassword : withoutPassword, actionData?.errors, actionData?.alert);
  const busy = useNavigation().state === 'submitting';
  const title = t('confirmApplication.title');
  const signIn = (
    <p>
      <Link className="button" to={`/o/${slug}/sign-in?next=${encodeURIComponent(`/o/${slug}/registrations`)}`}>
        {t('confirmApplication.signIn')}
      </Link>
    </p>
  );
  if (view.state !== 'pending' || !view.pending) {
    const message =
      view.state === 'confirmed'
        ? justConfirmed
          ? t(passwordSaved ? 'confirmApplication.doneWithPassword' : 'confirmApplication.done')
          : t('confirmApplication.alreadyConfirmed')
        : view.state === 'lapsed'
          ? t('confirmApplication.lapsed')
          : t('confirmApplication.invalid');
    return (
      <main id="main" className="page narrow">
        <title>{title}</title>
        <SiteDescription describe={(org) => t('meta.confirm', { org })} />
        <h1>{title}</h1>
        <div className={`notice ${view.state === 'confirmed' ? 'success' : 'error'}`} role={view.state === 'confirmed' ? 'status' : 'alert'}>
          {message}
        </div>
        {view.state === 'confirmed' ? signIn : null}
      </main>
    );
  }
  const p = view.pending;
  return (
    <main id="main" className="page narrow">
      <title>{title}</title>
      <SiteDescription describe={(org) => t('meta.confirm', { org })} />
      <h1>{title}</h1>
      <p>{t('confirmApplication.intro', { course: p.courseTitle, dates: formatDateRange(p.startsOn, p.endsOn), name: p.name, until: p.until })}</p>
      <p>
        {t('confirmApplication.status', {
          status: t(`registration.status_${p.status}`),
          amount: formatMoney(p.amountMinor, p.currency),
          category: p.categoryLabel,
          tier: t(`registration.tier_${p.tier}`),
        })}
      </p>
      <ErrorSummary message={message} errors={errors} labels={{ password: t('auth.password') }} attempt={actionData} />
      <Form method="post" className="stack" onSubmit={onSubmit} noValidate>
        {needsPassword ? (
          <>
            <p>{t('confirmApplication.choosePassword')}</p>
            <NewPasswordField error={errors.password} />
          </>
        ) : null}
        <div>
          <button type="submit" disabled={busy}>
            {t(needsPassword ? 'confirmApplication.submitWithPassword' : 'confirmApplication.submit')}
          </button>
        </div>
      </Form>
    </main>
  );
}
