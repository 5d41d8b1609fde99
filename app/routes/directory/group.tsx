// Public: one group's page — when it meets, in the group's zone and (after hydration) the
// visitor's, where, cost, how to join — and "contact the leader": the visitor's message goes
// through Balint Hub to the leader, whose address is on no page and in no response.
import { data, Form, Link, useActionData, useNavigation } from 'react-router';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { TextAreaField } from '#app/components/choices.tsx';
import { Field } from '#app/components/field.tsx';
import { errorMessage } from '#app/lib/error-messages.ts';
import { parseForm } from '#app/lib/forms.ts';
import { requireOrganization, services, getSessionUser } from '#app/lib/guards.server.ts';
import { useSchemaForm } from '#app/lib/use-schema-form.ts';
import { contactLeader } from '#domain/directory/contact-leader.server.ts';
import { contactSchema } from '#domain/directory/contact-form.ts';
import { getPublicListing } from '#domain/directory/find-listings.server.ts';
import { DomainError } from '#domain/errors.ts';
import { t } from '#lib/i18n.ts';
import { ListingSeries } from '#app/routes/series/listing-series.tsx';
import { findOpenSeriesForListing } from '#domain/series/series.server.ts';
import { listingSummary, upcoming } from './listing-view.server.ts';
import { VisitorTimes } from './visitor-times.tsx';
import type { Route } from './+types/group.ts';

async function load(context: Route.LoaderArgs['context'], orgSlug: string | undefined, slug: string | undefined) {
  const org = await requireOrganization(context, orgSlug);
  try {
    return { org, listing: await getPublicListing(services(context).db, org.id, slug ?? '') };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'DIRECTORY_LISTING_NOT_FOUND') throw data(null, { status: 404 });
    throw error;
  }
}

export async function loader({ context, params }: Route.LoaderArgs) {
  const { org, listing } = await load(context, params.org, params.listing);
  const meetings = upcoming(listing);
  const contact = listing.leaders.find((l) => l.receivesMessages) ?? listing.leaders[0];
  return {
    org: { slug: org.slug, name: org.name },
    listing: {
      ...listingSummary(listing),
      description: listing.description,
      howToJoin: listing.howToJoin,
      cadenceLabel: t(`directory.cadence_${listing.cadence}`),
      contactName: contact?.name ?? '',
    },
    meetings: meetings.map((m) => m.text),
    series: await findOpenSeriesForListing(services(context).db, org.id, listing.id),
    instants: meetings.map((m) => m.instant),
  };
}

const LABELS = { name: t('directory.contactName'), email: t('directory.contactEmail'), message: t('directory.contactMessage') };

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org } = await load(context, params.org, params.listing);
  const { db, publicUrl, jobs, clientAddress } = services(context);
  const parsed = parseForm(contactSchema, await request.formData());
  if (!parsed.ok) return data({ ok: false as const, errors: parsed.errors, values: parsed.values, alert: t('form.fixErrors') }, { status: 400 });
  const user = await getSessionUser(request, context);
  try {
    const { emailIds } = await contactLeader(db, { organizationId: org.id, slug: params.listing ?? '', clientAddress, publicUrl, values: parsed.data }, { userId: user?.id ?? null, requestId: services(context).requestId });
    if (emailIds.length) await jobs.deliverEmails(emailIds);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'DIRECTORY_CONTACT_THROTTLED') {
      return data({ ok: false as const, errors: {}, values: parsed.values, alert: errorMessage(error.code) }, { status: 429 });
    }
    throw error;
  }
  return { ok: true as const, errors: {}, values: {}, alert: undefined };
}

export default function Group({ loaderData }: Route.ComponentProps) {
  const { org, listing: l, meetings, instants } = loaderData;
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const refused = actionData?.ok === false ? actionData : undefined;
  const form = useSchemaForm(contactSchema, refused?.errors, refused?.alert);
  const errors: Record<string, string | undefined> = form.errors ?? {};
  const values: Record<string, string | undefined> = refused?.values ?? {};
  const title = `${l.title} — ${org.name}`;
  return (
    <main id="main" className="page">
      <title>{title}</title>
      <meta name="description" content={`${l.title}: ${l.pattern}. ${l.place}.`} />
      <p>
        <Link to={`/o/${org.slug}/groups`}>{t('directory.back')}</Link>
      </p>
      <h1>{l.title}</h1>
      {l.description
        ? l.description
            .split(/\n\s*\n/)
            .filter(Boolean)
            .map((paragraph, i) => <p key={i}>{paragraph}</p>)
        : null}
      <dl className="facts">
        <dt>{l.leaders.length > 1 ? t('directory.leaders') : t('directory.leader')}</dt>
        <dd>{l.leaders.join(', ')}</dd>
        <dt>{t('directory.format')}</dt>
        <dd>
          {l.formatLabel}
          {l.rotatingLeader ? ` · ${t('directory.rotating')}` : null}
        </dd>
        <dt>{t('directory.forWhom')}</dt>
        <dd>{l.professions.length ? l.professions.join(', ') : t('directory.allClinicians')}</dd>
        <dt>{t('directory.meets')}</dt>
        <dd>
          {l.pattern} <span className="muted">({l.zone})</span>
        </dd>
        <dt>{t('directory.place')}</dt>
        <dd>{l.place}</dd>
        <dt>{t('directory.startsOn')}</dt>
        <dd>{l.startsOn}</dd>
        <dt>{t('directory.cost')}</dt>
        <dd>{l.cost}</dd>
        <dt>{t('directory.enrollmentLabel')}</dt>
        <dd>{l.enrollmentLabel}</dd>
      </dl>
      <section aria-labelledby="meetings-heading">
        <h2 id="meetings-heading">{t('directory.nextMeetings')}</h2>
        <h3>{t('directory.groupZone', { zone: l.zone })}</h3>
        <ul>
          {meetings.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
        <VisitorTimes meetings={instants} groupZone={l.timeZone} />
      </section>
      <section aria-labelledby="join-heading">
        <h2 id="join-heading">{t('directory.howToJoin')}</h2>
        <p className="pre-line">{l.howToJoin}</p>
      </section>
      {/* SERIES SLOT — the group's series sign-ups (domain/series) render here. */}
      <ListingSeries slug={org.slug} series={loaderData.series} />
      <section aria-labelledby="contact-heading">
        <h2 id="contact-heading">{t('directory.contactHeading')}</h2>
        {actionData?.ok ? (
          <div className="notice success" role="status">
            <p>{t('directory.contactSent')}</p>
          </div>
        ) : (
          <>
            <p>{t('directory.contactIntro', { leader: l.contactName, org: org.name })}</p>
            <p className="muted">{t('directory.contactPrivacy')}</p>
            <ErrorSummary message={form.message} errors={errors} labels={LABELS} attempt={refused} />
            <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
              <Field name="name" label={LABELS.name} autoComplete="name" defaultValue={values.name} error={errors.name} required />
              <Field name="email" type="email" label={LABELS.email} autoComplete="email" defaultValue={values.email} error={errors.email} required />
              <TextAreaField name="message" label={LABELS.message} rows={6} defaultValue={values.message} error={errors.message} />
              <div className="honeypot" aria-hidden="true">
                <label htmlFor="contact-website">{t('directory.contactWebsite')}</label>
                <input id="contact-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
              </div>
              <div>
                <button type="submit" disabled={busy}>
                  {t('directory.contactSend')}
                </button>
              </div>
            </Form>
          </>
        )}
      </section>
    </main>
  );
}
