// Staff approve listings (issue 14): waiting, approved, withdrawn and not yet sent, each with
// the listing rule's verdict in words. A listing without a trained leader cannot be approved,
// and says why.
import { data, Form, Link, useActionData, useNavigation } from 'react-router';
import { z } from 'zod';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { errorMessage } from '#app/lib/error-messages.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { approveListing, unapproveListing } from '#domain/directory/approve-listing.server.ts';
import { findStaffListings } from '#domain/directory/find-listings.server.ts';
import { DomainError } from '#domain/errors.ts';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/staff-listings.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'directory:manage');
  const listings = await findStaffListings(services(context).db, org.id);
  return {
    org: { slug: org.slug, name: org.name },
    listings: listings.map((l) => {
      // What approving would need, whatever the listing's state: the rule's reasons in words.
      const reasons = l.verdict.publishable ? [] : l.verdict.reasons.filter((r) => r === 'no_trained_leader' || r === 'no_leader');
      return {
        id: l.id,
        slug: l.slug,
        title: l.title,
        state: l.state,
        leaders: l.leaders.map((x) => ({ name: x.name, trained: x.trained })),
        problems: reasons.map((r) => t(`directoryStaff.reason_${r}`)),
        canApprove: l.state === 'pending' && reasons.length === 0,
      };
    }),
  };
}

const actionSchema = z.object({ intent: z.enum(['approve', 'unapprove']), listingId: z.uuid() });

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor } = await requirePermission(request, context, params.org, 'directory:manage');
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ ok: false as const, alert: t('form.invalidChoice'), notice: undefined }, { status: 400 });
  const db = services(context).db;
  try {
    if (parsed.data.intent === 'approve') await approveListing(db, { organizationId: org.id, listingId: parsed.data.listingId }, actor);
    else await unapproveListing(db, { organizationId: org.id, listingId: parsed.data.listingId }, actor);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return data({ ok: false as const, alert: errorMessage(error.code), notice: undefined }, { status: error.code === 'DIRECTORY_LISTING_NOT_FOUND' ? 404 : 409 });
  }
  return { ok: true as const, alert: undefined, notice: parsed.data.intent === 'approve' ? t('directoryStaff.approved') : t('directoryStaff.unapproved') };
}

type Row = Route.ComponentProps['loaderData']['listings'][number];

function ListingTable({ id, heading, rows, busy, orgSlug }: { id: string; heading: string; rows: Row[]; busy: boolean; orgSlug: string }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {rows.length === 0 ? (
        <p>{t('directoryStaff.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('directoryStaff.group')}</th>
              <th scope="col">{t('directoryStaff.leaders')}</th>
              <th scope="col">{t('directoryStaff.verdict')}</th>
              <th scope="col">{t('directoryStaff.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.state === 'published' && r.problems.length === 0 ? <Link to={`/o/${orgSlug}/groups/${r.slug}`}>{r.title}</Link> : r.title}</th>
                <td>{r.leaders.map((l) => `${l.name} (${l.trained ? t('directoryStaff.trained') : t('directoryStaff.untrained')})`).join(', ')}</td>
                <td>{r.problems.length ? r.problems.join(' ') : t('directoryStaff.ok')}</td>
                <td>
                  {r.canApprove ? (
                    <Form method="post">
                      <input type="hidden" name="listingId" value={r.id} />
                      <button type="submit" name="intent" value="approve" disabled={busy}>
                        {t('directoryStaff.approve', { group: r.title })}
                      </button>
                    </Form>
                  ) : null}
                  {r.state === 'published' ? (
                    <Form method="post">
                      <input type="hidden" name="listingId" value={r.id} />
                      <button type="submit" name="intent" value="unapprove" className="secondary" disabled={busy}>
                        {t('directoryStaff.unapprove', { group: r.title })}
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export default function StaffListings({ loaderData }: Route.ComponentProps) {
  const { org, listings } = loaderData;
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const of = (state: Row['state']) => listings.filter((l) => l.state === state);
  return (
    <main id="main">
      <title>{t('directoryStaff.heading')}</title>
      <h1>{t('directoryStaff.heading')}</h1>
      <p>{t('directoryStaff.intro')}</p>
      <p>
        <Link to={`/o/${org.slug}/admin/directory/trainings`}>{t('directoryStaff.trainingsLink')}</Link>
      </p>
      <ErrorSummary message={actionData?.ok === false ? actionData.alert : undefined} attempt={actionData} />
      {actionData?.ok ? (
        <div className="notice success" role="status">
          <p>{actionData.notice}</p>
        </div>
      ) : null}
      <ListingTable id="pending-heading" heading={t('directoryStaff.pending')} rows={of('pending')} busy={busy} orgSlug={org.slug} />
      <ListingTable id="published-heading" heading={t('directoryStaff.published')} rows={of('published')} busy={busy} orgSlug={org.slug} />
      <ListingTable id="withdrawn-heading" heading={t('directoryStaff.withdrawn')} rows={of('withdrawn')} busy={busy} orgSlug={org.slug} />
      <ListingTable id="drafts-heading" heading={t('directoryStaff.drafts')} rows={of('draft')} busy={busy} orgSlug={org.slug} />
    </main>
  );
}
