// Taking a place in a series (ADR 0063). The maximum is scarce: every sign-up locks the series
// row FOR UPDATE, counts the places taken and only then writes, so two people can never take
// the last place together (tests/integration/series-concurrency.db.test.ts forces the race).
// A paid series charges the place on its own ledger account at once; the person then pays it
// through the checkout (card or invoice) as a `series_enrollment` line.
import { and, eq, sql } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { Db } from '#db/client.server.ts';
import { organizations } from '#db/schema/organizations.ts';
import { seriesEnrollments } from '#db/schema/series.ts';
import { racePoint } from '#db/test-hooks.server.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { postEntries } from '#domain/money/post-entries.server.ts';
import { withScarceLocks } from '#domain/transaction.server.ts';
import { loadEmailTemplates } from '#domain/email-templates/load-templates.server.ts';
import { queueEmail } from '#lib/email/outbox.server.ts';
import { enrolledEmail } from './emails.ts';
import { countSignUps, getSeries, lockSeries, patternOf, type Enrollment } from './series.server.ts';
import { localToday, signUpState } from './sessions.ts';

export interface EnrollInput {
  organizationId: string;
  seriesId: string;
  /** The signed-in person, or null for a visitor (free series only). */
  userId: string | null;
  name: string;
  email: string;
}

export interface Enrolled {
  enrollment: Enrollment;
  /** What the place costs (0 = free): what the checkout asks for. */
  chargedMinor: number;
  emailIds: string[];
}

export async function enrollInSeries(db: Db, input: EnrollInput, actor: Actor, context: { publicUrl: string; now?: Date }): Promise<Enrolled> {
  const now = context.now ?? new Date();
  const { listing } = await getSeries(db, input.organizationId, input.seriesId);
  const email = input.email.trim();
  return withScarceLocks(db, async (tx) => {
    const series = await lockSeries(tx, input.organizationId, input.seriesId);
    if (series.priceMinor > 0 && !input.userId) throw new DomainError('SERIES_SIGN_IN_TO_PAY');
    const taken = (await countSignUps(tx, [series.id])).get(series.id) ?? 0;
    const state = signUpState(patternOf(listing), series, taken, Temporal.Instant.fromEpochMilliseconds(now.getTime()));
    if (state === 'cancelled') throw new DomainError('SERIES_NOT_OPEN', series.status);
    if (state === 'closed') throw new DomainError('SERIES_ENROLLMENT_CLOSED');
    if (state === 'full') throw new DomainError('SERIES_FULL');
    const [already] = await tx
      .select({ id: seriesEnrollments.id })
      .from(seriesEnrollments)
      .where(and(eq(seriesEnrollments.seriesId, series.id), eq(seriesEnrollments.status, 'enrolled'), eq(sql`lower(${seriesEnrollments.email})`, email.toLowerCase())));
    if (already) throw new DomainError('SERIES_ALREADY_ENROLLED', undefined, { email: 'SERIES_ALREADY_ENROLLED' });
    await racePoint('series.counted');
    const [enrollment] = await tx
      .insert(seriesEnrollments)
      .values({ organizationId: series.organizationId, seriesId: series.id, userId: input.userId, name: input.name.trim(), email })
      .returning();
    if (series.priceMinor > 0) {
      await postEntries(tx, [
        {
          organizationId: series.organizationId,
          seriesEnrollmentId: enrollment!.id,
          kind: 'charge',
          amountMinor: series.priceMinor,
          currency: series.currency,
          reason: `${listing.title}: ${series.title}`,
          effectiveOn: localToday(Temporal.Instant.fromEpochMilliseconds(now.getTime()), listing.timeZone),
          createdBy: actor.userId,
        },
      ]);
    }
    await recordAudit(tx, actor, {
      organizationId: series.organizationId,
      action: 'series.enrolled',
      entityType: 'series_enrollment',
      entityId: enrollment!.id,
      after: { seriesId: series.id, chargedMinor: series.priceMinor },
    });
    const [org] = await tx.select({ name: organizations.name, slug: organizations.slug }).from(organizations).where(eq(organizations.id, series.organizationId));
    const mail = enrolledEmail({
      orgName: org!.name,
      orgSlug: org!.slug,
      publicUrl: context.publicUrl,
      name: enrollment!.name,
      seriesId: series.id,
      title: series.title,
      groupTitle: listing.title,
      firstSessionOn: series.firstSessionOn,
      currency: series.currency,
      priceMinor: series.priceMinor,
      minimum: series.minimum,
      decideBy: series.decideBy,
      templates: await loadEmailTemplates(tx, series.organizationId),
    });
    const emailId = await queueEmail(tx, { organizationId: series.organizationId, kind: 'series.enrolled', to: enrollment!.email, ...mail });
    return { enrollment: enrollment!, chargedMinor: series.priceMinor, emailIds: [emailId] };
  });
}
