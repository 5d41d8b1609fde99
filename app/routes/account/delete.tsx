// "Delete my account" (ADR 0070): the page says beforehand what is deleted and what is kept
// (and why), with the person's own counts; it refuses while the person is the last
// administrator of an organization or has money or a place still open; it asks for the
// password and the email address typed out. The deletion is one transaction; then the
// session cookie is cleared.
import { data, Form, redirect, useActionData, useNavigation } from 'react-router';
import { Temporal } from 'temporal-polyfill';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { Field } from '#app/components/field.tsx';
import { cookieHeaders, forwardedHeaders } from '#app/lib/auth-responses.server.ts';
import { errorMessage } from '#app/lib/error-messages.ts';
import { parseForm } from '#app/lib/forms.ts';
import { getSessionUser, requireOrganization, requireUser, services } from '#app/lib/guards.server.ts';
import { useSchemaForm } from '#app/lib/use-schema-form.ts';
import { DomainError } from '#domain/errors.ts';
import { deleteAccount, isBlocked, previewAccountDeletion } from '#domain/personal-data/delete-account.server.ts';
import { deleteAccountSchema } from '#domain/personal-data/delete-schema.ts';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/delete.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  // Just deleted (the action redirects here with the cookies cleared): say so, to nobody in particular.
  if (new URL(request.url).searchParams.get('deleted') === '1' && !(await getSessionUser(request, context))) {
    return { deleted: true as const, org: { slug: org.slug, name: org.name } };
  }
  const user = await requireUser(request, context, org.slug);
  const today = Temporal.Now.plainDateISO(org.timeZone).toString();
  const preview = await previewAccountDeletion(services(context).db, { userId: user.id, email: user.email }, today);
  return { deleted: false as const, org: { slug: org.slug, name: org.name }, email: user.email, preview, blocked: isBlocked(preview.blockers) };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const org = await requireOrganization(context, params.org);
  const user = await requireUser(request, context, org.slug);
  const parsed = parseForm(deleteAccountSchema, await request.formData());
  const values = { confirmation: parsed.values.confirmation ?? '' };
  if (!parsed.ok) return data({ errors: parsed.errors, message: undefined, values }, { status: 400 });
  const { db, requestId, encryptionKey, auth } = services(context);
  const today = Temporal.Now.plainDateISO(org.timeZone).toString();
  try {
    await db.transaction((tx) => deleteAccount(tx, { userId: user.id, password: parsed.data.password, confirmation: parsed.data.confirmation, today }, { userId: user.id, requestId }, { keys: encryptionKey }));
  } catch (error) {
    if (error instanceof DomainError && ['DELETE_PASSWORD_WRONG', 'DELETE_CONFIRMATION_MISMATCH', 'DELETE_LAST_ADMIN', 'DELETE_OPEN_BALANCE'].includes(error.code)) {
      const errors = Object.fromEntries(Object.entries(error.fields).map(([field, code]) => [field, errorMessage(code as DomainError['code'])]));
      return data({ errors, message: Object.keys(errors).length ? undefined : errorMessage(error.code), values }, { status: 409 });
    }
    throw error;
  }
  // After the deletion committed (its sessions are gone already): clear the browser's cookies.
  const signOut = await auth.api.signOut({ headers: forwardedHeaders(request), asResponse: true }).catch(() => null);
  throw redirect(`/o/${org.slug}/account/delete?deleted=1`, { headers: signOut ? cookieHeaders(signOut) : undefined });
}

export default function DeleteAccount({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const { errors, onSubmit } = useSchemaForm(deleteAccountSchema, actionData?.errors, actionData?.message);
  const busy = useNavigation().state === 'submitting';
  if (loaderData.deleted) {
    const { org } = loaderData;
    return (
      <main id="main" className="page narrow">
        <title>{t('personalData.doneTitle')}</title>
        <h1>{t('personalData.doneTitle')}</h1>
        <p role="status">{t('personalData.done')}</p>
        <p>
          <a href={`/o/${org.slug}`}>{org.name}</a>
        </p>
      </main>
    );
  }
  const { preview, email, org } = loaderData;
  const { kept, deleted, blockers } = preview;
  return (
    <main id="main" className="page narrow">
      <title>{t('personalData.deleteTitle')}</title>
      <h1>{t('personalData.deleteTitle')}</h1>
      <p>{t('personalData.deleteIntro')}</p>
      <p>
        <a href={`/o/${org.slug}/account/data`} download>
          {t('personalData.download')}
        </a>
      </p>
      <h2>{t('personalData.deletedHeading')}</h2>
      <ul>
        <li>{t('personalData.deleted1')}</li>
        <li>{t('personalData.deleted2')}</li>
        <li>{t('personalData.deleted3', { roles: deleted.roles })}</li>
        <li>{t('personalData.deleted4', { trainings: deleted.trainings, groups: deleted.groupsLed })}</li>
        <li>{t('personalData.deleted5')}</li>
      </ul>
      <h2>{t('personalData.keptHeading')}</h2>
      <ul>
        <li>{t('personalData.kept1', { registrations: kept.registrations, payments: kept.payments, donations: kept.donations })}</li>
        <li>{t('personalData.kept2', { memberships: kept.memberships })}</li>
        <li>{t('personalData.kept3', { certificates: kept.certificates })}</li>
        <li>{t('personalData.kept4', { aid: kept.aidApplications })}</li>
        <li>{t('personalData.kept5')}</li>
        <li>{t('personalData.kept6', { inquiries: kept.inquiries })}</li>
      </ul>
      {loaderData.blocked ? (
        <section aria-labelledby="blocked-heading" className="notice">
          <h2 id="blocked-heading">{t('personalData.blockedHeading')}</h2>
          <ul>
            {blockers.lastAdminOf.length ? <li>{t('personalData.blockedLastAdmin', { orgs: blockers.lastAdminOf.join(', ') })}</li> : null}
            {blockers.openBalances ? <li>{t('personalData.blockedMoney', { count: blockers.openBalances })}</li> : null}
            {blockers.livePlaces.length ? <li>{t('personalData.blockedPlaces', { courses: blockers.livePlaces.join('; ') })}</li> : null}
          </ul>
        </section>
      ) : (
        <>
          <h2>{t('personalData.confirmHeading')}</h2>
          <ErrorSummary
            message={actionData?.message}
            errors={errors}
            labels={{ password: t('personalData.password'), confirmation: t('personalData.confirmation', { email }) }}
            attempt={actionData}
          />
          <Form method="post" className="stack" onSubmit={onSubmit} noValidate>
            <Field name="password" type="password" label={t('personalData.password')} autoComplete="current-password" required error={errors.password} />
            <Field name="confirmation" label={t('personalData.confirmation', { email })} autoComplete="off" required defaultValue={actionData?.values.confirmation ?? ''} error={errors.confirmation} />
            <div>
              <button type="submit" className="danger" disabled={busy}>
                {t('personalData.submit')}
              </button>
            </div>
          </Form>
        </>
      )}
    </main>
  );
}
