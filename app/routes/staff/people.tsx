import { DataTable } from '#app/components/data-table.tsx';
import { data, Form, useActionData, useNavigation } from 'react-router';
import { z } from 'zod';
import { ROLES } from '#domain/accounts/roles.ts';
import { parseForm } from '#app/lib/forms.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { errorMessage } from '#app/lib/error-messages.ts';
import { Field, FormAlert } from '#app/components/field.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { DomainError } from '#domain/errors.ts';
import { findPeopleWithRoles, grantRole, revokeRole } from '#domain/accounts/roles.server.ts';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/people.ts';

const grantSchema = z.object({ intent: z.literal('grant'), email: z.string().trim().min(1).pipe(z.email()), role: z.enum(ROLES) });
const revokeSchema = z.object({ intent: z.literal('revoke'), roleId: z.uuid() });

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'roles:manage');
  return { people: await findPeopleWithRoles(services(context).db, org.id) };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor } = await requirePermission(request, context, params.org, 'roles:manage');
  const { db } = services(context);
  const formData = await request.formData();
  try {
    if (formData.get('intent') === 'revoke') {
      const parsed = parseForm(revokeSchema, formData);
      if (!parsed.ok) return data({ errors: parsed.errors, done: undefined, alert: t('form.fixErrors') }, { status: 400 });
      await db.transaction((tx) => revokeRole(tx, { organizationId: org.id, roleId: parsed.data.roleId }, actor));
      return { errors: {}, done: t('admin.revoked'), alert: undefined };
    }
    const parsed = parseForm(grantSchema, formData);
    if (!parsed.ok) return data({ errors: parsed.errors, done: undefined, alert: t('form.fixErrors') }, { status: 400 });
    await db.transaction((tx) => grantRole(tx, { organizationId: org.id, email: parsed.data.email, role: parsed.data.role }, actor));
    return { errors: {}, done: t('admin.granted'), alert: undefined };
  } catch (error) {
    if (error instanceof DomainError) {
      const field = error.code === 'PERSON_NOT_FOUND' ? { email: errorMessage(error.code) } : {};
      return data({ errors: field, done: undefined, alert: errorMessage(error.code) }, { status: 422 });
    }
    throw error;
  }
}

export default function People({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <main id="main">
      <title>{t('admin.peopleTitle')}</title>
      <h1>{t('admin.peopleTitle')}</h1>
      <ErrorSummary message={actionData?.alert} errors={errors} labels={{ email: t('auth.email') }} attempt={actionData} />
      <FormAlert message={actionData?.done} tone="success" />
      <DataTable caption={t('admin.peopleTitle')} captionHidden><thead>
            <tr>
              <th scope="col">{t('auth.name')}</th>
              <th scope="col">{t('auth.email')}</th>
              <th scope="col">{t('profile.roles')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('admin.revoke')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {loaderData.people.map((p) => (
              <tr key={p.roleId}>
                <td>{p.name}</td>
                <td>{p.email}</td>
                <td>{t(`role.${p.role}`)}</td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="roleId" value={p.roleId} />
                    <button type="submit" className="secondary" aria-label={`${t('admin.revoke')}: ${t(`role.${p.role}`)}, ${p.name}`} disabled={busy}>
                      {t('admin.revoke')}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
      </DataTable>
      <h2>{t('admin.grant')}</h2>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="grant" />
        <Field name="email" type="email" label={t('auth.email')} required error={errors.email} />
        <div className="field">
          <label htmlFor="grant-role">{t('admin.grant')}</label>
          <select id="grant-role" name="role" defaultValue="member">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit" disabled={busy}>
            {t('admin.grant')}
          </button>
        </div>
      </Form>
    </main>
  );
}
