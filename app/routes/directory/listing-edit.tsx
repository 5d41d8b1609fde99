// A leader edits their listing (issue 14). Only the listing's leaders may: anyone else's id is
// "not found". A change to an approved listing goes back to staff for approval.
import { data, Form, Link, redirect, useActionData, useNavigation } from 'react-router';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { parseForm } from '#app/lib/forms.ts';
import { requireIds, requireOrganization, requireUser, services } from '#app/lib/guards.server.ts';
import { useSchemaForm } from '#app/lib/use-schema-form.ts';
import { findLeaderEmails } from '#domain/directory/leader-emails.server.ts';
import { getLeaderListing } from '#domain/directory/find-listings.server.ts';
import { listingSchema } from '#domain/directory/listing-form.ts';
import { updateListing } from '#domain/directory/save-listing.server.ts';
import { DomainError } from '#domain/errors.ts';
import { t } from '#lib/i18n.ts';
import { LISTING_LABELS, ListingFields } from './listing-form-fields.tsx';
import { domainRefusal, formValuesOf, refuse, vocabulary } from './listing-form.server.ts';
import type { Route } from './+types/listing-edit.ts';


async function guard(request: Request, context: Route.LoaderArgs['context'], params: Route.LoaderArgs['params']) {
  const org = await requireOrganization(context, params.org);
  const user = await requireUser(request, context, org.slug);
  requireIds(params.listingId);
  try {
    const listing = await getLeaderListing(services(context).db, org.id, params.listingId, user.id);
    return { org, user, listing };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'DIRECTORY_LISTING_NOT_FOUND') throw data(null, { status: 404 });
    throw error;
  }
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org, listing } = await guard(request, context, params);
  const emails = await findLeaderEmails(services(context).db, listing.leaders.map((l) => l.userId));
  return {
    org: { slug: org.slug, name: org.name },
    listing: { id: listing.id, title: listing.title, approved: listing.approvedAt !== null },
    values: formValuesOf(listing, emails),
    vocabulary: vocabulary(org.currency),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, user, listing } = await guard(request, context, params);
  const parsed = parseForm(listingSchema, await request.formData());
  if (!parsed.ok) return refuse(parsed.errors, parsed.values);
  try {
    await updateListing(services(context).db, { organizationId: org.id, listingId: listing.id, values: parsed.data }, { userId: user.id, requestId: services(context).requestId });
  } catch (error) {
    return domainRefusal(error, parsed.values);
  }
  return redirect(`/o/${org.slug}/my-groups?done=${listing.approvedAt ? 'savedBackToStaff' : 'saved'}`);
}

export default function EditListing({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const form = useSchemaForm(listingSchema, actionData?.errors, actionData?.alert);
  const heading = t('myGroups.editHeading', { group: loaderData.listing.title });
  return (
    <main id="main" className="page">
      <title>{`${heading} — ${loaderData.org.name}`}</title>
      <p>
        <Link to={`/o/${loaderData.org.slug}/my-groups`}>{t('myGroups.backToList')}</Link>
      </p>
      <h1>{heading}</h1>
      <ErrorSummary message={form.message} errors={form.errors} labels={LISTING_LABELS} attempt={actionData} />
      <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
        <ListingFields values={actionData?.values ?? loaderData.values} errors={form.errors} vocabulary={loaderData.vocabulary} />
        <div>
          <button type="submit" disabled={busy}>
            {t('myGroups.save')}
          </button>
        </div>
      </Form>
    </main>
  );
}
