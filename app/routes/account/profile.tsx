import { data, Form, useActionData, useNavigation } from 'react-router';
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
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/profile.ts';

// Signed-in people edit their own profile, and nobody else's.
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  const user = await requireUser(request, context, org.slug);
  const { db } = services(context);
  const [profile, roles] = await Promise.all([getProfile(db, user.id), findRoles(db, org.id, user.id)]);
  return { profile: profile!, roles, orgName: org.name, emailPreferences: await emailPreferencesLoader(db, profile!.email) };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const org = await requireOrganization(context, params.org);
  const user = await requireUser(request, context, org.slug);
  const formData = await request.formData();
  // Email preferences (ADR 0069) are their own form on this page.
  if (formData.get('intent') === 'email-preference') return saveEmailPreference(services(context), user, formData);
  const parsed = parseForm(profileSchema, formData);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, saved: false }, { status: 400 });
  const { db, requestId } = services(context);
  await db.transaction((tx) => updateProfile(tx, user.id, parsed.data, { userId: user.id, requestId }));
  return { errors: {}, values: parsed.values, saved: true };
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
