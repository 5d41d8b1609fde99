// A signed-in person lists a group they lead (issue 14); they are its leader and receive
// visitors' messages. The listing is a draft until they send it for approval.
import { Form, Link, redirect, useActionData, useNavigation } from 'react-router';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { parseForm } from '#app/lib/forms.ts';
import { requireOrganization, requireUser, services } from '#app/lib/guards.server.ts';
import { useSchemaForm } from '#app/lib/use-schema-form.ts';
import { listingSchema } from '#domain/directory/listing-form.ts';
import { createListing } from '#domain/directory/save-listing.server.ts';
import { t } from '#lib/i18n.ts';
import { LISTING_LABELS, ListingFields } from './listing-form-fields.tsx';
import { domainRefusal, refuse, vocabulary } from './listing-form.server.ts';
import type { Route } from './+types/listing-new.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  await requireUser(request, context, org.slug);
  return { org: { slug: org.slug, name: org.name }, vocabulary: vocabulary(org.currency), defaults: { timeZone: org.timeZone } };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const org = await requireOrganization(context, params.org);
  const user = await requireUser(request, context, org.slug);
  const parsed = parseForm(listingSchema, await request.formData());
  if (!parsed.ok) return refuse(parsed.errors, parsed.values);
  try {
    await createListing(services(context).db, { organizationId: org.id, values: parsed.data }, { userId: user.id, requestId: services(context).requestId });
  } catch (error) {
    return domainRefusal(error, parsed.values);
  }
  return redirect(`/o/${org.slug}/my-groups?done=created`);
}

export default function NewListing({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const form = useSchemaForm(listingSchema, actionData?.errors, actionData?.alert);
  const heading = t('myGroups.newHeading');
  return (
    <main id="main" className="page">
      <title>{`${heading} — ${loaderData.org.name}`}</title>
      <p>
        <Link to={`/o/${loaderData.org.slug}/my-groups`}>{t('myGroups.backToList')}</Link>
      </p>
      <h1>{heading}</h1>
      <ErrorSummary message={form.message} errors={form.errors} labels={LISTING_LABELS} attempt={actionData} />
      <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
        <ListingFields values={actionData?.values ?? loaderData.defaults} errors={form.errors} vocabulary={loaderData.vocabulary} />
        <div>
          <button type="submit" disabled={busy}>
            {t('myGroups.create')}
          </button>
        </div>
      </Form>
    </main>
  );
}
