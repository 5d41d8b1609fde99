// /o/:org/admin/members — every member's latest membership with its status today (the
// organization's zone), filtered by type, status, source and "ends within N days"; the same
// list as CSV; staff revoke an active term (a complimentary one above all) with a reason.
import { data, Form, Link, useActionData, useNavigation } from 'react-router';
import { z } from 'zod';
import { SelectField } from '#app/components/choices.tsx';
import { DataTable } from '#app/components/data-table.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { Field, FormAlert } from '#app/components/field.tsx';
import { errorMessage } from '#app/lib/error-messages.ts';
import { parseForm } from '#app/lib/forms.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { DomainError } from '#domain/errors.ts';
import { findMembers, memberFiltersFrom } from '#domain/membership/members.server.ts';
import { orgToday, revokeMembershipTerm } from '#domain/membership/membership-terms.server.ts';
import { findMembershipTypes } from '#domain/membership/types.server.ts';
import { formatDate, t } from '#lib/i18n.ts';
import type { Route } from './+types/members.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'membership:manage');
  const { db } = services(context);
  const url = new URL(request.url);
  const { filters, problem } = memberFiltersFrom(url.searchParams);
  const today = await orgToday(db, org.id);
  const [members, types] = await Promise.all([findMembers(db, org.id, filters, today), findMembershipTypes(db, org.id)]);
  return {
    base: `/o/${org.slug}/admin`,
    query: url.search,
    filters: { type: url.searchParams.get('type') ?? '', status: url.searchParams.get('status') ?? '', ending: url.searchParams.get('ending') ?? '', source: url.searchParams.get('source') ?? '' },
    endingProblem: problem ? t('membershipMembers.expiringInvalid') : undefined,
    types: types.map((type) => ({ value: type.key, label: type.name })),
    members,
  };
}

const revokeSchema = z.object({ termId: z.uuid(), reason: z.string().trim().min(1).max(500) });

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor } = await requirePermission(request, context, params.org, 'membership:manage');
  const parsed = parseForm(revokeSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, alert: t('form.fixErrors'), done: undefined, termId: parsed.values.termId }, { status: 400 });
  const { db } = services(context);
  try {
    await db.transaction((tx) => revokeMembershipTerm(tx, { organizationId: org.id, termId: parsed.data.termId, reason: parsed.data.reason }, actor));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return data({ errors: {}, alert: errorMessage(error.code), done: undefined, termId: parsed.data.termId }, { status: error.code === 'MEMBERSHIP_TERM_NOT_FOUND' ? 404 : 409 });
  }
  return { errors: {}, alert: undefined, done: t('membershipMembers.revoked'), termId: undefined };
}

export default function Members({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  const { base, filters } = loaderData;
  const statuses = ['active', 'grace', 'lapsed'].map((s) => ({ value: s, label: t(`membershipTerm.status_${s}`) }));
  return (
    <main id="main">
      <title>{t('membershipMembers.title')}</title>
      <h1>{t('membershipMembers.title')}</h1>
      <p>{t('membershipMembers.intro')}</p>
      <p>
        <Link to={`${base}/membership-types`}>{t('membershipMembers.typesLink')}</Link> · <Link to={`${base}/memberships`}>{t('membershipMembers.recordsLink')}</Link> ·{' '}
        <Link to={`${base}/members?source=complimentary`}>{t('membershipMembers.complimentaryTitle')}</Link>
      </p>
      <ErrorSummary message={actionData?.alert ?? loaderData.endingProblem} errors={{ ...errors, ...(loaderData.endingProblem ? { ending: loaderData.endingProblem } : {}) }} labels={{ reason: t('membershipMembers.revokeReason'), ending: t('membershipMembers.filterExpiring') }} attempt={actionData ?? loaderData.query} />
      <FormAlert message={actionData?.done} tone="success" />
      <Form method="get" className="filters">
        <SelectField name="type" label={t('membershipMembers.filterType')} options={loaderData.types} placeholder={t('membershipMembers.any')} defaultValue={filters.type} />
        <SelectField name="status" label={t('membershipMembers.filterStatus')} options={statuses} placeholder={t('membershipMembers.any')} defaultValue={filters.status} />
        <Field name="ending" label={t('membershipMembers.filterExpiring')} defaultValue={filters.ending} error={loaderData.endingProblem} />
        {filters.source ? <input type="hidden" name="source" value={filters.source} /> : null}
        <div>
          <button type="submit">{t('membershipMembers.apply')}</button>
        </div>
      </Form>
      <p>
        <a href={`${base}/members/export${loaderData.query}`} download>
          {t('membershipMembers.exportCsv')}
        </a>
      </p>
      {loaderData.members.length === 0 ? (
        <p>{t('membershipMembers.none')}</p>
      ) : (
        <DataTable caption={t('membershipMembers.title')} captionHidden>
          <thead>
            <tr>
              <th scope="col">{t('membershipMembers.name')}</th>
              <th scope="col">{t('membershipMembers.email')}</th>
              <th scope="col">{t('membershipMembers.type')}</th>
              <th scope="col">{t('membershipMembers.status')}</th>
              <th scope="col">{t('membershipMembers.endsOn')}</th>
              <th scope="col">{t('membershipMembers.source')}</th>
              <th scope="col">{t('membershipMembers.revoke')}</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.members.map((m) => (
              <tr key={`${m.termId ?? 'row'}-${m.email}`}>
                <th scope="row">{m.name || m.email}</th>
                <td>{m.email}</td>
                <td>{m.typeName}</td>
                <td>{t(`membershipTerm.status_${m.status}`)}</td>
                <td>{formatDate(m.endsOn, 'en-US', 'medium')}</td>
                <td>
                  {t(`membershipTerm.source_${m.source}`)}
                  {m.grantedBy ? ` (${m.grantedBy})` : ''}
                </td>
                <td>
                  {m.termId && m.status !== 'lapsed' ? (
                    <Form method="post" className="inline">
                      <input type="hidden" name="termId" value={m.termId} />
                      <Field name="reason" label={t('membershipMembers.revokeReason')} error={actionData?.termId === m.termId ? errors.reason : undefined} />
                      <button type="submit" disabled={busy}>
                        {t('membershipMembers.revoke')}
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </main>
  );
}
