// /o/:org/admin/membership-types — the organization's membership types with their dues and
// terms, a new type, the grace period, and the courses that grant a complimentary membership.
import { data, Link, useActionData, useNavigation, Form } from 'react-router';
import { z } from 'zod';
import { SelectField } from '#app/components/choices.tsx';
import { DataTable } from '#app/components/data-table.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { Field, FormAlert } from '#app/components/field.tsx';
import { fieldMessage } from '#app/lib/error-messages.ts';
import { parseForm } from '#app/lib/forms.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { DomainError } from '#domain/errors.ts';
import { graceDaysOf } from '#domain/membership/standing.server.ts';
import { graceSchema, membershipTypeSchema } from '#domain/membership/type-form.ts';
import { findPartner, findPartnerChoices, savePartner } from '#domain/membership/partner.server.ts';
import { findCourseGrants, findGrantableCourses, findMembershipTypes, saveGraceDays, saveMembershipType, setCourseGrant } from '#domain/membership/types.server.ts';
import { formatDate, t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';
import { MembershipTypeForm, TYPE_LABELS } from './type-form.tsx';
import type { Route } from './+types/types.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'membership:manage');
  const { db } = services(context);
  const [types, graceDays, grants, courses, partner, partnerChoices] = await Promise.all([
    findMembershipTypes(db, org.id),
    graceDaysOf(db, org.id),
    findCourseGrants(db, org.id),
    findGrantableCourses(db, org.id),
    findPartner(db, org.id),
    findPartnerChoices(db, org.id),
  ]);
  return {
    base: `/o/${org.slug}/admin`,
    graceDays,
    partnerId: partner?.id ?? '',
    partnerChoices: partnerChoices.map((p) => ({ value: p.id, label: p.name })),
    grants,
    courses: courses.map((c) => ({ value: c.id, label: `${c.title} (${formatDate(c.startsOn, 'en-US', 'medium')})` })),
    complimentaryTypes: types.filter((type) => type.complimentary).map((type) => ({ value: type.id, label: type.name })),
    types: types.map((type) => ({
      id: type.id,
      key: type.key,
      name: type.name,
      dues: Object.entries(type.dues).map(([currency, minor]) => formatMoney(minor, currency)),
      term: type.term,
      grantsMemberPrices: type.grantsMemberPrices,
      complimentary: type.complimentary,
      active: type.active,
    })),
  };
}

const partnerSchema = z.object({ partnerOrganizationId: z.union([z.uuid({ message: t('form.required') }), z.literal('')]).optional() });

const grantSchema = z.object({ courseId: z.uuid({ message: t('form.required') }), typeId: z.union([z.uuid(), z.literal('')]).optional() });

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor } = await requirePermission(request, context, params.org, 'membership:manage');
  const { db } = services(context);
  const form = await request.formData();
  if (form.get('intent') === 'grant' || form.get('intent') === 'stop-grant') {
    const parsed = parseForm(grantSchema, form);
    if (!parsed.ok || (form.get('intent') === 'grant' && !parsed.data.typeId)) {
      const errors = parsed.ok ? { typeId: t('form.required') } : parsed.errors;
      return data({ errors, values: parsed.values, alert: t('form.fixErrors'), done: undefined }, { status: 400 });
    }
    try {
      await setCourseGrant(db, { organizationId: org.id, courseId: parsed.data.courseId, typeId: form.get('intent') === 'grant' ? parsed.data.typeId! : null }, actor);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const errors = Object.fromEntries(Object.entries(error.fields).map(([f, code]) => [f, fieldMessage(code)]));
      return data({ errors, values: parsed.values, alert: t('form.fixErrors'), done: undefined }, { status: 404 });
    }
    return { errors: {}, values: {}, alert: undefined, done: t('membershipTypes.grantSaved') };
  }
  if (form.get('intent') === 'partner') {
    const parsed = parseForm(partnerSchema, form);
    if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, alert: t('form.fixErrors'), done: undefined }, { status: 400 });
    try {
      await savePartner(db, { organizationId: org.id, partnerOrganizationId: parsed.data.partnerOrganizationId || null }, actor);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const errors = Object.fromEntries(Object.entries(error.fields).map(([f, code]) => [f, fieldMessage(code)]));
      return data({ errors, values: parsed.values, alert: t('form.fixErrors'), done: undefined }, { status: 409 });
    }
    return { errors: {}, values: {}, alert: undefined, done: t('membershipTypes.partnerSaved') };
  }
  if (form.get('intent') === 'grace') {
    const parsed = parseForm(graceSchema, form);
    if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, alert: t('form.fixErrors'), done: undefined }, { status: 400 });
    await saveGraceDays(db, { organizationId: org.id, graceDays: parsed.data.graceDays }, actor);
    return { errors: {}, values: {}, alert: undefined, done: t('membershipTypes.graceSaved') };
  }
  const parsed = parseForm(membershipTypeSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, alert: t('form.fixErrors'), done: undefined }, { status: 400 });
  try {
    await saveMembershipType(db, { organizationId: org.id, values: parsed.data }, actor);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const errors = Object.fromEntries(Object.entries(error.fields).map(([f, code]) => [f, fieldMessage(code)]));
    return data({ errors, values: parsed.values, alert: t('form.fixErrors'), done: undefined }, { status: 409 });
  }
  return { errors: {}, values: {}, alert: undefined, done: t('membershipTypes.saved') };
}

export default function MembershipTypes({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  const values: Record<string, string | undefined> = actionData?.values ?? {};
  const { base } = loaderData;
  return (
    <main id="main">
      <title>{t('membershipTypes.title')}</title>
      <h1>{t('membershipTypes.title')}</h1>
      <p>{t('membershipTypes.intro')}</p>
      <p>
        <Link to={`${base}/members`}>{t('membershipMembers.title')}</Link>
      </p>
      <ErrorSummary message={actionData?.alert} errors={errors} labels={{ ...TYPE_LABELS, graceDays: t('membershipTypes.graceDays'), partnerOrganizationId: t('membershipTypes.partner'), courseId: t('membershipTypes.grantCourse'), typeId: t('membershipTypes.grantType') }} attempt={actionData} />
      <FormAlert message={actionData?.done} tone="success" />
      {loaderData.types.length === 0 ? (
        <p>{t('membershipTypes.none')}</p>
      ) : (
        <DataTable caption={t('membershipTypes.title')} captionHidden>
          <thead>
            <tr>
              <th scope="col">{t('membershipTypes.name')}</th>
              <th scope="col">{t('membershipTypes.dues')}</th>
              <th scope="col">{t('membershipTypes.term')}</th>
              <th scope="col">{t('membershipMembers.status')}</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.types.map((type) => (
              <tr key={type.id}>
                <th scope="row">
                  <Link to={`${base}/membership-types/${type.id}`}>{type.name}</Link>
                </th>
                <td>{type.complimentary ? t('membershipTerm.source_complimentary') : type.dues.join(', ')}</td>
                <td>{t(`membershipTerm.${type.term}`)}</td>
                <td>{type.active ? t('membershipTypes.offered') : t('membershipTypes.retired')}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <h2>{t('membershipTypes.graceTitle')}</h2>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="grace" />
        <Field name="graceDays" label={t('membershipTypes.graceDays')} defaultValue={values.graceDays ?? String(loaderData.graceDays)} error={errors.graceDays} required />
        <div>
          <button type="submit" disabled={busy}>
            {t('membershipTypes.graceSave')}
          </button>
        </div>
      </Form>
      <h2>{t('membershipTypes.partnerTitle')}</h2>
      <p>{t('membershipTypes.partnerIntro')}</p>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="partner" />
        <SelectField
          name="partnerOrganizationId"
          label={t('membershipTypes.partner')}
          options={loaderData.partnerChoices}
          placeholder={t('membershipTypes.partnerNone')}
          defaultValue={values.partnerOrganizationId ?? loaderData.partnerId}
          error={errors.partnerOrganizationId}
        />
        <div>
          <button type="submit" disabled={busy}>
            {t('membershipTypes.partnerSave')}
          </button>
        </div>
      </Form>
      <h2>{t('membershipTypes.courseGrantTitle')}</h2>
      <p>{t('membershipTypes.courseGrantIntro')}</p>
      {loaderData.grants.length === 0 ? (
        <p>{t('membershipTypes.courseGrantNone')}</p>
      ) : (
        <ul>
          {loaderData.grants.map((g) => (
            <li key={g.courseId}>
              <Form method="post" className="inline">
                {g.courseTitle} ({formatDate(g.startsOn, 'en-US', 'medium')}): {g.typeName}{' '}
                <input type="hidden" name="intent" value="stop-grant" />
                <input type="hidden" name="courseId" value={g.courseId} />
                <button type="submit" disabled={busy} aria-label={t('membershipTypes.stopGrantFor', { course: g.courseTitle })}>
                  {t('membershipTypes.stopGrant')}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      {loaderData.complimentaryTypes.length > 0 && loaderData.courses.length > 0 ? (
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="grant" />
          <SelectField name="courseId" label={t('membershipTypes.grantCourse')} options={loaderData.courses} placeholder="" defaultValue={values.courseId} error={errors.courseId} />
          <SelectField name="typeId" label={t('membershipTypes.grantType')} options={loaderData.complimentaryTypes} defaultValue={values.typeId} error={errors.typeId} />
          <div>
            <button type="submit" disabled={busy}>
              {t('membershipTypes.grant')}
            </button>
          </div>
        </Form>
      ) : null}
      <h2>{t('membershipTypes.new')}</h2>
      <MembershipTypeForm values={values} errors={errors} busy={busy} checked={(name) => (actionData?.alert ? values[name] === 'on' : name !== 'complimentary')} />
    </main>
  );
}
