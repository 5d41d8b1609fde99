import { DataTable } from '#app/components/data-table.tsx';
import { data, Form, Link, useActionData, useNavigation } from 'react-router';
import { DateField, Field, FormAlert } from '#app/components/field.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { parseForm, type FieldErrors, type FormValues } from '#app/lib/forms.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { addMembership, findMemberships } from '#domain/membership/memberships.server.ts';
import { membershipSchema } from '#domain/membership/parse-membership-csv.ts';
import { dateProblem } from '#lib/dates.ts';
import { formatDate, t } from '#lib/i18n.ts';
import type { Route } from './+types/index.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'membership:manage');
  const rows = await findMemberships(services(context).db, org.id);
  return {
    base: `/o/${org.slug}/admin/memberships`,
    memberships: rows.map((m) => ({ id: m.id, email: m.email, name: m.name, type: m.type, validFrom: m.validFrom, validTo: m.validTo, source: m.source })),
  };
}

/**
 * A typed date that is not YYYY-MM-DD, or names no day (2027-02-30): the schema only checks the
 * shape, and the database would refuse the impossible date with an error instead of a message.
 */
function dateErrors(values: FormValues): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of ['validFrom', 'validTo'] as const) {
    const typed = (values[field] ?? '').trim();
    const problem = typed === '' ? null : dateProblem(typed);
    if (problem) errors[field] = t(problem === 'DATE_FORMAT' ? 'form.dateFormat' : 'form.dateNotReal');
  }
  return errors;
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor } = await requirePermission(request, context, params.org, 'membership:manage');
  const parsed = parseForm(membershipSchema, await request.formData());
  const badDates = dateErrors(parsed.values);
  if (!parsed.ok || Object.keys(badDates).length > 0) {
    const errors = parsed.ok ? {} : { ...parsed.errors };
    if (errors.validTo === 'DATES_OUT_OF_ORDER') errors.validTo = t('staffMemberships.datesOutOfOrder');
    Object.assign(errors, badDates);
    return data({ errors, values: parsed.values, alert: t('form.fixErrors'), done: undefined }, { status: 400 });
  }
  const row = await addMembership(services(context).db, { organizationId: org.id, ...parsed.data }, actor);
  return { errors: {}, values: undefined, alert: undefined, done: t('staffMemberships.added', { email: row.email }) };
}

export default function Memberships({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const errors: Record<string, string> = actionData?.errors ?? {};
  const typed: Record<string, string> = actionData?.values ?? {};
  return (
    <main id="main">
      <title>{t('staffMemberships.title')}</title>
      <h1>{t('staffMemberships.title')}</h1>
      <p>{t('staffMemberships.intro')}</p>
      <p>
        <Link to={`${loaderData.base}/import`}>{t('staffMemberships.importLink')}</Link> · <Link to={`${loaderData.base.replace(/memberships$/, 'members')}`}>{t('membershipMembers.title')}</Link> ·{' '}
        <Link to={`${loaderData.base.replace(/memberships$/, 'membership-types')}`}>{t('membershipMembers.typesLink')}</Link>
      </p>
      <ErrorSummary
        message={actionData?.alert}
        errors={errors}
        labels={{ email: t('staffMemberships.email'), name: t('staffMemberships.name'), type: t('staffMemberships.type'), validFrom: t('staffMemberships.validFrom'), validTo: t('staffMemberships.validTo') }}
        attempt={actionData}
      />
      <FormAlert message={actionData?.done} tone="success" />
      {loaderData.memberships.length === 0 ? (
        <p>{t('staffMemberships.none')}</p>
      ) : (
        // Scrolls sideways on a phone: reachable and named for the keyboard.
        <DataTable caption={t('staffMemberships.title')} captionHidden><thead>
              <tr>
                <th scope="col">{t('staffMemberships.email')}</th>
                <th scope="col">{t('staffMemberships.name')}</th>
                <th scope="col">{t('staffMemberships.type')}</th>
                <th scope="col">{t('staffMemberships.validFrom')}</th>
                <th scope="col">{t('staffMemberships.validTo')}</th>
                <th scope="col">{t('staffMemberships.source')}</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.memberships.map((m) => (
                <tr key={m.id}>
                  <th scope="row">{m.email}</th>
                  <td>{m.name}</td>
                  <td>{m.type}</td>
                  <td>{formatDate(m.validFrom, 'en-US', 'medium')}</td>
                  <td>{formatDate(m.validTo, 'en-US', 'medium')}</td>
                  <td>{t(`staffMemberships.source_${m.source}`)}</td>
                </tr>
              ))}
            </tbody>
        </DataTable>
      )}
      <h2>{t('staffMemberships.add')}</h2>
      <Form method="post" className="stack" noValidate>
        <Field name="email" type="email" label={t('staffMemberships.email')} defaultValue={typed.email} error={errors.email} required />
        <Field name="name" label={t('staffMemberships.name')} defaultValue={typed.name} error={errors.name} />
        <Field name="type" label={t('staffMemberships.type')} defaultValue={typed.type ?? 'regular'} error={errors.type} />
        <DateField name="validFrom" label={t('staffMemberships.validFrom')} defaultValue={typed.validFrom} error={errors.validFrom} required />
        <DateField name="validTo" label={t('staffMemberships.validTo')} defaultValue={typed.validTo} error={errors.validTo} required />
        <div>
          <button type="submit" disabled={busy}>
            {t('staffMemberships.addButton')}
          </button>
        </div>
      </Form>
    </main>
  );
}
