import { data, Form, Link, useActionData, useNavigation } from 'react-router';
import { CheckboxField } from '#app/components/choices.tsx';
import { parseForm } from '#app/lib/forms.ts';
import { requireOrganization, requireUser, services } from '#app/lib/guards.server.ts';
import { useSchemaForm } from '#app/lib/use-schema-form.ts';
import { Field, FormAlert } from '#app/components/field.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { profileSchema } from '#domain/accounts/profile-schema.ts';
import { getProfile, updateProfile } from '#domain/accounts/profile.server.ts';
import { findRoles } from '#domain/accounts/roles.server.ts';
import { EmailPreferences } from '#app/routes/email-templates/email-preferences.tsx';
import { emailPreferencesLoader, saveEmailPreference } from '#app/routes/email-templates/email-preferences.server.ts';
import { CONSENT_FIELDS, type Consent } from '#domain/member-directory/consent.ts';
import { getDirectoryConsent, setDirectoryConsent } from '#domain/member-directory/consent.server.ts';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/profile.ts';

// Signed-in people edit their own profile, and nobody else's.
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  const user = await requireUser(request, context, org.slug);
  const { db } = services(context);
  const [profile, roles, consent] = await Promise.all([getProfile(db, user.id), findRoles(db, org.id, user.id), getDirectoryConsent(db, org.id, user.id)]);
  return { profile: profile!, roles, consent, orgName: org.name, orgSlug: org.slug, emailPreferences: await emailPreferencesLoader(db, profile!.email) };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const org = await requireOrganization(context, params.org);
  const user = await requireUser(request, context, org.slug);
  const form = await request.formData();
  // Email preferences (ADR 0069) are their own form on this page.
  if (form.get('intent') === 'email-preference') return saveEmailPreference(services(context), user, form);
  const { db, requestId } = services(context);
  if (form.get('intent') === 'consent') {
    // Each box is on only when ticked: anything missing is off (ADR 0070: nothing without opt-in).
    const consent = Object.fromEntries(CONSENT_FIELDS.map((f) => [f, form.get(f) === 'on'])) as Consent;
    await db.transaction((tx) => setDirectoryConsent(tx, { organizationId: org.id, userId: user.id, consent }, { userId: user.id, requestId }));
    return { errors: {}, values: {} as Record<string, string>, saved: false, consentSaved: true };
  }
  const parsed = parseForm(profileSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, saved: false, consentSaved: false }, { status: 400 });
  await db.transaction((tx) => updateProfile(tx, user.id, parsed.data, { userId: user.id, requestId }));
  return { errors: {}, values: parsed.values, saved: true, consentSaved: false };
}

const FIELDS = ['credentials', 'profession', 'institution', 'city', 'region', 'country'] as const;

export default function Profile({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const { errors, onSubmit } = useSchemaForm(profileSchema, actionData?.errors);
  const busy = useNavigation().state === 'submitting';
  const value = (name: string) => actionData?.values[name] ?? (loaderData.profile as Record<string, string>)[name] ?? '';
  return (
    <main id="main" className="page narrow">
      <title>{t('profile.title')}</title>
      <h1>{t('profile.title')}</h1>
      <p className="muted">{t('profile.intro')}</p>
      <FormAlert message={actionData?.saved ? t('profile.saved') : undefined} tone="success" />
      <ErrorSummary errors={errors} labels={{ name: t('auth.name'), ...Object.fromEntries(FIELDS.map((f) => [f, t(`profile.${f}`)])) }} attempt={actionData} />
      <Form method="post" className="stack" onSubmit={onSubmit} noValidate>
        <Field name="name" label={t('auth.name')} autoComplete="name" required defaultValue={value('name')} error={errors.name} />
        <p>
          {t('auth.email')}: {loaderData.profile.email}
        </p>
        {FIELDS.map((f) => (
          <Field key={f} name={f} label={t(`profile.${f}`)} defaultValue={value(f)} error={errors[f]} />
        ))}
        <div>
          <button type="submit" disabled={busy}>
            {t('profile.save')}
          </button>
        </div>
      </Form>
      <EmailPreferences preferences={loaderData.emailPreferences} address={loaderData.profile.email} saved={actionData && 'preferenceSaved' in actionData ? actionData.preferenceSaved : false} />
      <h2 id="directory">{t('directoryConsent.title')}</h2>
      <p>{t('directoryConsent.intro', { org: loaderData.orgName })}</p>
      <FormAlert message={actionData && 'consentSaved' in actionData && actionData.consentSaved ? t('directoryConsent.saved') : undefined} tone="success" />
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="consent" />
        <fieldset>
          <legend>{t('directoryConsent.legend', { org: loaderData.orgName })}</legend>
          {CONSENT_FIELDS.map((f) => (
            <CheckboxField key={f} name={f} label={t(`directoryConsent.${f}`)} defaultChecked={loaderData.consent[f]} />
          ))}
        </fieldset>
        <p className="muted">{t('directoryConsent.paperNote')}</p>
        <p>
          <Link to={`/o/${loaderData.orgSlug}/members`}>{t('directoryConsent.open')}</Link>
        </p>
        <div>
          <button type="submit" disabled={busy}>
            {t('directoryConsent.save')}
          </button>
        </div>
      </Form>
      <h2>{t('personalData.sectionTitle')}</h2>
      <p>{t('personalData.downloadIntro')}</p>
      <p>
        <a href={`/o/${loaderData.orgSlug}/account/data`} download>
          {t('personalData.download')}
        </a>
      </p>
      <p>
        <Link to={`/o/${loaderData.orgSlug}/account/delete`}>{t('personalData.deleteLink')}</Link>
      </p>
      <h2>{t('profile.roles')}</h2>
      {loaderData.roles.length === 0 ? (
        <p>{t('profile.noRoles')}</p>
      ) : (
        <ul>
          {loaderData.roles.map((r) => (
            <li key={r}>
              {t(`role.${r}`)} · {loaderData.orgName}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
