// A signed-in person's own listings (issue 14): their state in words, and what they can do —
// edit, send for approval, withdraw, change enrollment (which keeps an approval).
import { data, Form, Link, useActionData, useNavigation } from 'react-router';
import { z } from 'zod';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { errorMessage } from '#app/lib/error-messages.ts';
import { requireOrganization, requireUser, services } from '#app/lib/guards.server.ts';
import { ENROLLMENT_STATUSES } from '#domain/directory/vocabulary.ts';
import { findLeaderListings } from '#domain/directory/find-listings.server.ts';
import { setEnrollment, submitListing, withdrawListing } from '#domain/directory/save-listing.server.ts';
import { DomainError } from '#domain/errors.ts';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/my-groups.ts';

const DONE = ['created', 'saved', 'savedBackToStaff'] as const;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  const user = await requireUser(request, context, org.slug);
  const listings = await findLeaderListings(services(context).db, org.id, user.id);
  const done = new URL(request.url).searchParams.get('done');
  return {
    org: { slug: org.slug, name: org.name },
    done: (DONE as readonly string[]).includes(done ?? '') ? done : null,
    enrollments: ENROLLMENT_STATUSES,
    listings: listings.map((l) => ({
      id: l.id,
      slug: l.slug,
      title: l.title,
      state: l.state,
      notPublic: l.state === 'published' && !l.verdict.publishable,
      enrollment: l.enrollment,
      leaders: l.leaders.map((x) => x.name),
    })),
  };
}

const actionSchema = z.object({ intent: z.enum(['submit', 'withdraw', 'enrollment']), listingId: z.uuid(), enrollment: z.enum(ENROLLMENT_STATUSES).optional() });

export async function action({ request, context, params }: Route.ActionArgs) {
  const org = await requireOrganization(context, params.org);
  const user = await requireUser(request, context, org.slug);
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success || (parsed.data.intent === 'enrollment' && !parsed.data.enrollment)) {
    return data({ ok: false as const, alert: t('form.invalidChoice'), notice: undefined }, { status: 400 });
  }
  const { db, requestId } = services(context);
  const actor = { userId: user.id, requestId };
  const input = { organizationId: org.id, listingId: parsed.data.listingId };
  try {
    if (parsed.data.intent === 'submit') await submitListing(db, input, actor);
    else if (parsed.data.intent === 'withdraw') await withdrawListing(db, input, actor);
    else await setEnrollment(db, { ...input, enrollment: parsed.data.enrollment! }, actor);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'DIRECTORY_LISTING_NOT_FOUND') return data({ ok: false as const, alert: errorMessage(error.code), notice: undefined }, { status: 404 });
    throw error;
  }
  const notice = { submit: t('myGroups.submitted'), withdraw: t('myGroups.withdrawn'), enrollment: t('myGroups.enrollmentSaved') }[parsed.data.intent];
  return { ok: true as const, alert: undefined, notice };
}

export default function MyGroups({ loaderData }: Route.ComponentProps) {
  const { org, listings } = loaderData;
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const base = `/o/${org.slug}/my-groups`;
  const notice = actionData?.ok ? actionData.notice : !actionData && loaderData.done ? t(`myGroups.${loaderData.done}`) : undefined;
  return (
    <main id="main" className="page">
      <title>{`${t('myGroups.heading')} — ${org.name}`}</title>
      <meta name="description" content={t('myGroups.metaDescription')} />
      <h1>{t('myGroups.heading')}</h1>
      <p>{t('myGroups.intro')}</p>
      <ErrorSummary message={actionData?.ok === false ? actionData.alert : undefined} attempt={actionData} />
      {notice ? (
        <div className="notice success" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <p>
        <Link to={`${base}/new`} className="button">
          {t('myGroups.newListing')}
        </Link>
      </p>
      {listings.length === 0 ? <p>{t('myGroups.none')}</p> : null}
      <ul className="card-list">
        {listings.map((l) => (
          <li key={l.id} className="card">
            <h2>{l.title}</h2>
            <p>
              <strong>{t(`myGroups.state_${l.state}`)}</strong>
              {l.notPublic ? ` — ${t('myGroups.notPublic')}` : null}
            </p>
            <p className="muted">{l.leaders.join(', ')}</p>
            <div className="button-row">
              <Link to={`${base}/${l.id}`}>{t('myGroups.edit', { group: l.title })}</Link>
              {l.state === 'published' && !l.notPublic ? <Link to={`/o/${org.slug}/groups/${l.slug}`}>{t('myGroups.view', { group: l.title })}</Link> : null}
            </div>
            <div className="button-row">
              {l.state === 'draft' || l.state === 'withdrawn' ? (
                <Form method="post">
                  <input type="hidden" name="listingId" value={l.id} />
                  <button type="submit" name="intent" value="submit" disabled={busy}>
                    {t('myGroups.submit', { group: l.title })}
                  </button>
                </Form>
              ) : null}
              {l.state !== 'withdrawn' ? (
                <Form method="post">
                  <input type="hidden" name="listingId" value={l.id} />
                  <button type="submit" name="intent" value="withdraw" className="secondary" disabled={busy}>
                    {t('myGroups.withdraw', { group: l.title })}
                  </button>
                </Form>
              ) : null}
            </div>
            <Form method="post" className="inline-form">
              <input type="hidden" name="listingId" value={l.id} />
              <label htmlFor={`enrollment-${l.id}`}>{t('myGroups.enrollment', { group: l.title })}</label>{' '}
              <select id={`enrollment-${l.id}`} name="enrollment" defaultValue={l.enrollment}>
                {loaderData.enrollments.map((e) => (
                  <option key={e} value={e}>
                    {t(`directory.enrollment_${e}`)}
                  </option>
                ))}
              </select>{' '}
              <button type="submit" name="intent" value="enrollment" className="secondary" disabled={busy}>
                {t('myGroups.saveEnrollment')}
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </main>
  );
}
