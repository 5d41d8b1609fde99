// /o/:org/admin/membership-types/:membershipType — edit one membership type (retire it by
// unticking "offered": its members' terms keep counting).
import { data, Link, useActionData, useNavigation } from 'react-router';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { FormAlert } from '#app/components/field.tsx';
import { fieldMessage } from '#app/lib/error-messages.ts';
import { parseForm } from '#app/lib/forms.ts';
import { requireIds, requirePermission, services } from '#app/lib/guards.server.ts';
import { DomainError } from '#domain/errors.ts';
import { getMembershipType } from '#domain/membership/membership-terms.server.ts';
import { formatDues, membershipTypeSchema } from '#domain/membership/type-form.ts';
import { saveMembershipType } from '#domain/membership/types.server.ts';
import { t } from '#lib/i18n.ts';
import { MembershipTypeForm, TYPE_LABELS } from './type-form.tsx';
import type { Route } from './+types/type-edit.ts';

async function load(request: Request, context: Route.LoaderArgs['context'], params: Route.LoaderArgs['params']) {
  const { org, actor } = await requirePermission(request, context, params.org, 'membership:manage');
  requireIds(params.membershipType);
  try {
    return { org, actor, type: await getMembershipType(services(context).db, org.id, params.membershipType) };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'MEMBERSHIP_TYPE_NOT_FOUND') throw data(null, { status: 404 });
    throw error;
  }
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org, type } = await load(request, context, params);
  return {
    base: `/o/${org.slug}/admin/membership-types`,
    type: {
      name: type.name,
      values: { key: type.key, name: type.name, dues: formatDues(type.dues), term: type.term, proRating: type.proRating, eligibility: type.eligibility, benefits: type.benefits },
      checks: { grantsMemberPrices: type.grantsMemberPrices, complimentary: type.complimentary, active: type.active },
    },
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor, type } = await load(request, context, params);
  const parsed = parseForm(membershipTypeSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, alert: t('form.fixErrors'), done: undefined }, { status: 400 });
  try {
    await saveMembershipType(services(context).db, { organizationId: org.id, id: type.id, values: parsed.data }, actor);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const errors = Object.fromEntries(Object.entries(error.fields).map(([f, code]) => [f, fieldMessage(code)]));
    return data({ errors, values: parsed.values, alert: t('form.fixErrors'), done: undefined }, { status: 409 });
  }
  return { errors: {}, values: parsed.values, alert: undefined, done: t('membershipTypes.saved') };
}

export default function EditMembershipType({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  const typed: Record<string, string | undefined> | undefined = actionData?.values;
  const values = typed ?? loaderData.type.values;
  const checked = (name: string) => (typed ? typed[name] === 'on' : Boolean(loaderData.type.checks[name as keyof typeof loaderData.type.checks]));
  return (
    <main id="main">
      <title>{t('membershipTypes.edit', { name: loaderData.type.name })}</title>
      <h1>{t('membershipTypes.edit', { name: loaderData.type.name })}</h1>
      <p>
        <Link to={loaderData.base}>{t('membershipTypes.title')}</Link>
      </p>
      <ErrorSummary message={actionData?.alert} errors={errors} labels={TYPE_LABELS} attempt={actionData} />
      <FormAlert message={actionData?.done} tone="success" />
      <MembershipTypeForm values={values} errors={errors} busy={busy} checked={checked} />
    </main>
  );
}
