// Applications confirmed by email (ADR 0047). An application made by someone not signed in is
// placed at once, exactly as any other (place or waitlist, early or regular, in submission
// order, under the course lock), but holds its place only until its address is confirmed: a
// "Confirm your application" link is emailed (a credential: only its hash is stored, and no
// organization's staff can read the message). Followed in time, the application keeps its
// place, tier and sequence; not followed, it lapses (lapse-holds.server.ts) and the place goes on.
import crypto from 'node:crypto';
import { hashPassword } from 'better-auth/crypto';
import { and, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '#db/client.server.ts';
import { authAccounts, users } from '#db/schema/accounts.ts';
import { courses } from '#db/schema/courses.ts';
import { organizations } from '#db/schema/organizations.ts';
import { ACTIVE, registrationConfirmations, registrations } from '#db/schema/registration.ts';
import { hasPassword } from '#domain/accounts/create-account.server.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { lockRegistrationForMoney } from '#domain/money/money-locks.server.ts';
import { loadEmailTemplates } from '#domain/email-templates/load-templates.server.ts';
import { queueEmail } from '#lib/email/outbox.server.ts';
import { t } from '#lib/i18n.ts';
import { waitlistPosition } from './availability.server.ts';
import { confirmationEmail } from './emails.ts';
import { withScarceLocks, type Tx } from '#domain/transaction.server.ts';
import { CONFIRMATION_WINDOW_HOURS } from './rules.ts';
import { queueRegistrationEmail, type NotifyContext } from './notify.server.ts';
import type { Registration } from './statuses.ts';

/** How long an unconfirmed application holds its place (or its turn on the waitlist). */
export { CONFIRMATION_WINDOW_HOURS };

type Course = typeof courses.$inferSelect;

export function confirmationTokenHash(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export function confirmationPath(organizationSlug: string, token: string): string {
  return `/o/${organizationSlug}/registrations/confirm/${token}`;
}

/** The moment an application submitted at `submittedAt` lapses unless confirmed. */
export function confirmationDeadline(submittedAt: Date): Date {
  return new Date(submittedAt.getTime() + CONFIRMATION_WINDOW_HOURS * 3_600_000);
}

function localTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeStyle: 'long', timeZone }).format(at);
}

/**
 * A new link for an unconfirmed registration, mailed to its address in the caller's
 * transaction. Earlier links stay valid: they all lead to the same registration.
 */
export async function issueConfirmation(tx: Tx, registration: Registration, course: Course, context: NotifyContext): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  await tx.insert(registrationConfirmations).values({ tokenHash: confirmationTokenHash(token), registrationId: registration.id });
  const [org] = await tx.select().from(organizations).where(eq(organizations.id, course.organizationId));
  const slug = org?.slug ?? '';
  const position = registration.status === 'waitlisted' ? await waitlistPosition(tx, course.id, registration.sequence) : undefined;
  const email = confirmationEmail({
    orgName: org?.name ?? '',
    orgSlug: slug,
    publicUrl: context.publicUrl,
    name: registration.name,
    course,
    amountMinor: registration.amountMinor,
    categoryLabel: registration.policy.categoryLabel,
    tier: registration.tier,
    position,
    hours: CONFIRMATION_WINDOW_HOURS,
    confirmUrl: `${context.publicUrl}${confirmationPath(slug, token)}`,
    until: localTime(registration.confirmBy ?? confirmationDeadline(registration.submittedAt), course.timeZone),
    status: registration.status,
    statusLabel: t(`registration.status_${registration.status}`),
    choosePassword: !(await hasPassword(tx, registration.userId)),
    templates: await loadEmailTemplates(tx, course.organizationId),
  });
  // The link proves the mailbox and sets a password: never shown to any organization's staff.
  return queueEmail(tx, { organizationId: course.organizationId, kind: 'registration.confirm', to: registration.email, credential: true, ...email });
}

export type ConfirmationState = 'pending' | 'confirmed' | 'lapsed' | 'invalid';

export interface ConfirmationView {
  state: ConfirmationState;
  /** Only while pending: what the holder of the link is about to confirm. */
  pending?: {
    courseTitle: string;
    startsOn: string;
    endsOn: string;
    name: string;
    status: Registration['status'];
    amountMinor: number;
    currency: string;
    categoryLabel: string;
    tier: Registration['tier'];
    until: string;
    needsPassword: boolean;
  };
}

async function findByToken(db: DbOrTx, organizationId: string, token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  const [row] = await db
    .select({ registration: registrations })
    .from(registrationConfirmations)
    .innerJoin(registrations, eq(registrations.id, registrationConfirmations.registrationId))
    .where(and(eq(registrationConfirmations.tokenHash, confirmationTokenHash(token)), eq(registrations.organizationId, organizationId)));
  return row?.registration;
}

function stateOf(registration: Registration, now: Date): ConfirmationState {
  if (registration.addressConfirmedAt) return 'confirmed';
  if (registration.confirmationLapsedAt || (registration.confirmBy && registration.confirmBy.getTime() <= now.getTime())) return 'lapsed';
  if (!ACTIVE.includes(registration.status)) return 'invalid';
  return 'pending';
}

/** What the confirmation page shows for a link (nothing personal unless it can still be used). */
export async function readConfirmation(db: DbOrTx, organizationId: string, token: string, now = new Date()): Promise<ConfirmationView> {
  const registration = await findByToken(db, organizationId, token);
  if (!registration) return { state: 'invalid' };
  const state = stateOf(registration, now);
  if (state !== 'pending') return { state };
  const [course] = await db.select().from(courses).where(eq(courses.id, registration.courseId));
  return {
    state,
    pending: {
      courseTitle: course?.title ?? '',
      startsOn: course?.startsOn ?? '',
      endsOn: course?.endsOn ?? '',
      name: registration.name,
      status: registration.status,
      amountMinor: registration.amountMinor,
      currency: registration.currency,
      categoryLabel: registration.policy.categoryLabel,
      tier: registration.tier,
      until: localTime(registration.confirmBy!, course?.timeZone ?? 'UTC'),
      needsPassword: !(await hasPassword(db, registration.userId)),
    },
  };
}

export interface ConfirmResult {
  state: ConfirmationState;
  /** True when this call confirmed it (false: it already was, or could not be). */
  confirmedNow: boolean;
  passwordSet: boolean;
  emailIds: string[];
}

/**
 * Follows a confirmation link: under the course lock (the order every place change takes), so
 * a confirmation and the lapse job never both win. Confirming proves the mailbox (the account's
 * email becomes verified) and, for an account without a password, saves the one chosen on the
 * page. An existing password is never changed here.
 */
export async function confirmApplication(
  db: Db,
  input: { organizationId: string; token: string; password?: string },
  context: NotifyContext & { now?: Date },
): Promise<ConfirmResult> {
  const found = await findByToken(db, input.organizationId, input.token);
  if (!found) return { state: 'invalid', confirmedNow: false, passwordSet: false, emailIds: [] };
  // Hashing is slow on purpose: done before the course lock is taken.
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return withScarceLocks(db, async (tx) => {
    const { course, registration } = await lockRegistrationForMoney(tx, input.organizationId, found.id);
    const now = context.now ?? new Date();
    const state = stateOf(registration, now);
    if (state !== 'pending') return { state, confirmedNow: false, passwordSet: false, emailIds: [] };
    const actor: Actor = { userId: registration.userId };
    const [after] = await tx.update(registrations).set({ addressConfirmedAt: now, updatedAt: now }).where(eq(registrations.id, registration.id)).returning();
    await tx.update(users).set({ emailVerified: true, updatedAt: now }).where(eq(users.id, registration.userId));
    await recordAudit(tx, actor, {
      organizationId: course.organizationId,
      action: 'registration.address_confirmed',
      entityType: 'registration',
      entityId: registration.id,
      before: { addressConfirmedAt: null, confirmBy: registration.confirmBy?.toISOString() },
      after: { addressConfirmedAt: now.toISOString(), status: registration.status, tier: registration.tier },
    });
    let passwordSet = false;
    if (passwordHash && !(await hasPassword(tx, registration.userId))) {
      const [credential] = await tx
        .select({ id: authAccounts.id })
        .from(authAccounts)
        .where(and(eq(authAccounts.userId, registration.userId), eq(authAccounts.providerId, 'credential')));
      if (credential) await tx.update(authAccounts).set({ password: passwordHash, updatedAt: now }).where(eq(authAccounts.id, credential.id));
      else await tx.insert(authAccounts).values({ id: crypto.randomUUID(), accountId: registration.userId, providerId: 'credential', userId: registration.userId, password: passwordHash });
      await recordAudit(tx, actor, { organizationId: null, action: 'account.password_set', entityType: 'user', entityId: registration.userId, after: { via: 'application_confirmation' } });
      passwordSet = true;
    }
    // The record of the application, now that its address is known to be real (no credential).
    const kind = after!.status === 'waitlisted' ? 'waitlisted' : after!.status === 'accepted' ? 'accepted' : after!.status === 'submitted' ? 'received' : undefined;
    const emailIds = kind
      ? [await queueRegistrationEmail(tx, kind, after!, course, context, { position: kind === 'waitlisted' ? await waitlistPosition(tx, course.id, after!.sequence) : undefined })]
      : [];
    return { state: 'confirmed' as const, confirmedNow: true, passwordSet, emailIds };
  });
}

/**
 * Confirmation for an application the applicant cannot confirm again (a duplicate was just
 * submitted for it): a new link for a pending one, otherwise a plain "you have already
 * applied" notice with no credential in it.
 */
export async function notifyAlreadyApplied(tx: Tx, existing: Registration, course: Course, context: NotifyContext & { now?: Date }): Promise<string> {
  const now = context.now ?? new Date();
  if (stateOf(existing, now) === 'pending') return issueConfirmation(tx, existing, course, context);
  return queueRegistrationEmail(tx, 'alreadyApplied', existing, course, context, { status: t(`registration.status_${existing.status}`) });
}

/** For staff: whether an application's address is confirmed, and when it lapses (or lapsed). */
export function addressStatus(registration: Pick<Registration, 'addressConfirmedAt' | 'confirmBy' | 'confirmationLapsedAt'>, timeZone: string) {
  if (registration.addressConfirmedAt || !registration.confirmBy) return { state: 'confirmed' as const, until: null };
  const until = localTime(registration.confirmationLapsedAt ?? registration.confirmBy, timeZone);
  return { state: registration.confirmationLapsedAt ? ('lapsed' as const) : ('pending' as const), until };
}
