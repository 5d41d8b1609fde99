// "Delete my account" (issue 15, ADR 0070). One transaction: the person can no longer sign in
// (password, sessions, verification tokens gone; the address replaced by a non-routable
// placeholder), everything optional is deleted, and what the ledger and the law need is kept
// with the name and address replaced: registrations (the ledger's accounts), payments, refunds,
// ledger entries, checkouts, donations, memberships and membership terms, certificates issued, attendance and audit
// records. Refused while the person is the last administrator of an organization, or while
// money is still open between them and an organization (a balance either way, a refund not yet
// paid out) or a place is still live on a course that has not ended: those need a person to
// answer to. ADR 0070 says why each is kept or deleted.
import { randomUUID } from 'node:crypto';
import { and, eq, gte, inArray, or, sql } from 'drizzle-orm';
import { verifyPassword } from 'better-auth/crypto';
import type { DbOrTx } from '#db/client.server.ts';
import { locksDisabledForTest, racePoint } from '#db/test-hooks.server.ts';
import { authAccounts, operators, organizationRoles, profiles, sessions, users, verifications } from '#db/schema/accounts.ts';
import { aidApplications, aidReviews } from '#db/schema/aid.ts';
import { auditEvents } from '#db/schema/audit.ts';
import { agendaFeeds, participantGroupingFacts } from '#db/schema/course-running.ts';
import { courses } from '#db/schema/courses.ts';
import { certificates } from '#db/schema/credit.ts';
import { groupListingLeaders, leaderTrainings } from '#db/schema/directory.ts';
import { outboxMessages } from '#db/schema/email.ts';
import { inquiries } from '#db/schema/inquiries.ts';
import { directoryConsents } from '#db/schema/member-directory.ts';
import { membershipTerms } from '#db/schema/membership.ts';
import { checkouts, donations, ledgerEntries, refunds } from '#db/schema/money.ts';
import { organizations } from '#db/schema/organizations.ts';
import { apiTokens, memberships, registrations, type ApplicationAnswers } from '#db/schema/registration.ts';
import { seriesEnrollments } from '#db/schema/series.ts';
import { sealContent, type SealingKeys } from '#domain/aid/content.server.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { byEmail, personIds, within, type Person } from './person-rows.server.ts';

/** What a deleted person's name becomes wherever a record of them is kept. */
export const DELETED_NAME = 'Deleted account';
/** `.invalid` is reserved (RFC 2606): no mail can ever be delivered to it. */
export const DELETED_EMAIL_DOMAIN = 'account-deleted.invalid';
export const isDeletedEmail = (email: string) => email.endsWith(`@${DELETED_EMAIL_DOMAIN}`);

/** Registrations that still hold or wait for a place. */
const LIVE = ['submitted', 'accepted', 'waitlisted', 'offered', 'confirmed'] as const;

export interface DeletionBlockers {
  /** Organizations where the person is the only administrator. */
  lastAdminOf: string[];
  /** Accounts with money still open (owed either way, or a refund not yet paid out). */
  openBalances: number;
  /** Places on courses that have not ended yet. */
  livePlaces: string[];
}

export interface DeletionPreview {
  blockers: DeletionBlockers;
  /** What is kept, anonymised, and what is deleted: counts by kind, for the page. */
  kept: Record<'registrations' | 'payments' | 'memberships' | 'certificates' | 'donations' | 'seriesPlaces' | 'aidApplications' | 'inquiries', number>;
  deleted: Record<'roles' | 'trainings' | 'groupsLed', number>;
}

async function blockersOf(db: DbOrTx, person: Person, ids: Awaited<ReturnType<typeof personIds>>, today: string): Promise<DeletionBlockers> {
  const adminOrgs = await db
    .select({ organizationId: organizationRoles.organizationId, name: organizations.name })
    .from(organizationRoles)
    .innerJoin(organizations, eq(organizations.id, organizationRoles.organizationId))
    .where(and(eq(organizationRoles.userId, person.userId), eq(organizationRoles.role, 'admin')))
    .orderBy(organizationRoles.organizationId);
  const lastAdminOf: string[] = [];
  for (const org of adminOrgs) {
    // Locks the organization's administrators (organizations in id order, rows in id order) so
    // that two of them leaving at once cannot both count the other: the second waits, then
    // reads the first one gone. Outside a transaction (the page's preview) the lock ends at once.
    const query = db
      .select({ userId: organizationRoles.userId })
      .from(organizationRoles)
      .where(and(eq(organizationRoles.organizationId, org.organizationId), eq(organizationRoles.role, 'admin')))
      .orderBy(organizationRoles.id);
    const admins = locksDisabledForTest() ? await query : await query.for('update');
    if (!admins.some((a) => a.userId !== person.userId)) lastAdminOf.push(org.name);
  }
  const balances = await db
    .select({ balance: sql<number>`sum(${ledgerEntries.amountMinor})::int` })
    .from(ledgerEntries)
    .where(or(within(ledgerEntries.registrationId, ids.registrationIds), within(ledgerEntries.donationId, ids.donationIds), within(ledgerEntries.seriesEnrollmentId, ids.enrollmentIds), within(ledgerEntries.membershipTermId, ids.membershipTermIds)))
    .groupBy(ledgerEntries.registrationId, ledgerEntries.donationId, ledgerEntries.seriesEnrollmentId, ledgerEntries.membershipTermId, ledgerEntries.currency);
  const openRefunds = await db
    .select({ id: refunds.id })
    .from(refunds)
    .where(
      and(
        inArray(refunds.status, ['due', 'processing', 'failed']),
        or(within(refunds.registrationId, ids.registrationIds), within(refunds.donationId, ids.donationIds), within(refunds.seriesEnrollmentId, ids.enrollmentIds)),
      ),
    );
  const live = await db
    .select({ title: courses.title })
    .from(registrations)
    .innerJoin(courses, eq(courses.id, registrations.courseId))
    .where(and(within(registrations.id, ids.registrationIds), inArray(registrations.status, [...LIVE]), gte(courses.endsOn, today)));
  return { lastAdminOf, openBalances: balances.filter((b) => b.balance !== 0).length + openRefunds.length, livePlaces: live.map((l) => l.title) };
}

export const isBlocked = (b: DeletionBlockers) => b.lastAdminOf.length > 0 || b.openBalances > 0 || b.livePlaces.length > 0;

export async function previewAccountDeletion(db: DbOrTx, person: Person, today: string): Promise<DeletionPreview> {
  const ids = await personIds(db, person);
  const count = async (rows: Promise<unknown[]>) => (await rows).length;
  // One after another: the caller may pass a transaction, whose queries share one connection.
  const payments = await count(db.select({ id: ledgerEntries.id }).from(ledgerEntries).where(and(eq(ledgerEntries.kind, 'payment'), or(within(ledgerEntries.registrationId, ids.registrationIds), within(ledgerEntries.donationId, ids.donationIds), within(ledgerEntries.seriesEnrollmentId, ids.enrollmentIds), within(ledgerEntries.membershipTermId, ids.membershipTermIds)))));
  const certs = await count(db.select({ id: certificates.id }).from(certificates).where(or(eq(certificates.userId, person.userId), within(certificates.registrationId, ids.registrationIds))));
  const inquiryCount = await count(db.select({ id: inquiries.id }).from(inquiries).where(byEmail(inquiries.requesterEmail, person.email)));
  const roles = await count(db.select({ id: organizationRoles.id }).from(organizationRoles).where(eq(organizationRoles.userId, person.userId)));
  const trainings = await count(db.select({ id: leaderTrainings.id }).from(leaderTrainings).where(eq(leaderTrainings.userId, person.userId)));
  const groupsLed = await count(db.select({ id: groupListingLeaders.listingId }).from(groupListingLeaders).where(eq(groupListingLeaders.userId, person.userId)));
  return {
    blockers: await blockersOf(db, person, ids, today),
    kept: {
      registrations: ids.registrationIds.length,
      payments,
      // Imported rows and terms alike: a term is a ledger account, and both say who was a member when.
      memberships: ids.membershipIds.length + ids.membershipTermIds.length,
      certificates: certs,
      donations: ids.donationIds.length,
      seriesPlaces: ids.enrollmentIds.length,
      aidApplications: ids.aidIds.length,
      inquiries: inquiryCount,
    },
    deleted: { roles, trainings, groupsLed },
  };
}

/** An application's answers with everything the person wrote taken out (ticked boxes kept: they are what was agreed to). */
export function scrubAnswers(answers: ApplicationAnswers): ApplicationAnswers {
  return {
    ...answers,
    discipline: '',
    credentials: '',
    institution: '',
    dietaryNeeds: '',
    accessibilityNeeds: '',
    heardAbout: '',
    trainingProgram: '',
    custom: Object.fromEntries(Object.keys(answers.custom ?? {}).map((k) => [k, ''])),
  };
}

export interface DeleteAccountInput {
  userId: string;
  password: string;
  /** The person types their email address to confirm. */
  confirmation: string;
  /** Local date (the organization's zone) deciding which courses have ended. */
  today: string;
}

/** Call inside one transaction (the route passes `db.transaction`). */
export async function deleteAccount(tx: DbOrTx, input: DeleteAccountInput, actor: Actor, deps: { keys: SealingKeys }): Promise<void> {
  const [user] = await tx.select().from(users).where(eq(users.id, input.userId)).for('update');
  if (!user || isDeletedEmail(user.email)) throw new DomainError('ACCOUNT_NOT_FOUND', input.userId);
  if (input.confirmation.trim().toLowerCase() !== user.email.toLowerCase()) {
    throw new DomainError('DELETE_CONFIRMATION_MISMATCH', input.userId, { confirmation: 'DELETE_CONFIRMATION_MISMATCH' });
  }
  const [credential] = await tx
    .select({ hash: authAccounts.password })
    .from(authAccounts)
    .where(and(eq(authAccounts.userId, user.id), eq(authAccounts.providerId, 'credential')));
  if (!credential?.hash || !(await verifyPassword({ hash: credential.hash, password: input.password }))) {
    throw new DomainError('DELETE_PASSWORD_WRONG', input.userId, { password: 'DELETE_PASSWORD_WRONG' });
  }
  const person = { userId: user.id, email: user.email };
  const ids = await personIds(tx, person);
  const blockers = await blockersOf(tx, person, ids, input.today);
  await racePoint('account.admins-counted');
  if (blockers.lastAdminOf.length) throw new DomainError('DELETE_LAST_ADMIN', blockers.lastAdminOf.join(', '));
  if (blockers.openBalances || blockers.livePlaces.length) throw new DomainError('DELETE_OPEN_BALANCE', input.userId);

  const placeholder = `deleted-${randomUUID()}@${DELETED_EMAIL_DOMAIN}`;
  const anonymous = { name: DELETED_NAME, email: placeholder };

  // Sign-in: gone.
  await tx.delete(sessions).where(eq(sessions.userId, user.id));
  await tx.delete(authAccounts).where(eq(authAccounts.userId, user.id));
  await tx.delete(verifications).where(or(eq(sql`lower(${verifications.identifier})`, user.email.toLowerCase()), sql`${verifications.value} like ${'%' + user.id + '%'}`));
  await tx.delete(apiTokens).where(eq(apiTokens.userId, user.id));
  await tx.delete(agendaFeeds).where(eq(agendaFeeds.userId, user.id));
  await tx.delete(operators).where(eq(operators.userId, user.id));
  await tx.delete(organizationRoles).where(eq(organizationRoles.userId, user.id));
  // Optional facts about the person: gone.
  await tx.delete(profiles).where(eq(profiles.userId, user.id));
  await tx.delete(directoryConsents).where(eq(directoryConsents.userId, user.id));
  await tx.delete(groupListingLeaders).where(eq(groupListingLeaders.userId, user.id));
  await tx.delete(leaderTrainings).where(eq(leaderTrainings.userId, user.id));
  await tx.delete(participantGroupingFacts).where(within(participantGroupingFacts.registrationId, ids.registrationIds));
  await tx.delete(outboxMessages).where(byEmail(outboxMessages.toAddress, user.email));
  // Financial aid: the statement and self-identification are replaced by an empty sealed one and
  // the committee's comments deleted; the amount asked and awarded stay (the aid budget and the
  // ledger's award entry count them).
  for (const id of ids.aidIds) {
    await tx.update(aidApplications).set({ sealedContent: sealContent({ statement: '', groups: [], selfDescribed: '', preferNotToSay: true }, deps.keys, id) }).where(eq(aidApplications.id, id));
  }
  await tx.delete(aidReviews).where(within(aidReviews.applicationId, ids.aidIds));
  // Kept for the ledger and the law, with the name and address replaced.
  const regs = await tx.select({ id: registrations.id, answers: registrations.answers }).from(registrations).where(within(registrations.id, ids.registrationIds));
  for (const r of regs) await tx.update(registrations).set({ ...anonymous, answers: scrubAnswers(r.answers), updatedAt: new Date() }).where(eq(registrations.id, r.id));
  await tx.update(checkouts).set({ payerName: DELETED_NAME, payerEmail: placeholder, providerSessionUrl: null }).where(within(checkouts.id, ids.checkoutIds));
  await tx.update(donations).set(anonymous).where(within(donations.id, ids.donationIds));
  await tx.update(seriesEnrollments).set(anonymous).where(within(seriesEnrollments.id, ids.enrollmentIds));
  await tx.update(memberships).set(anonymous).where(within(memberships.id, ids.membershipIds));
  await tx.update(membershipTerms).set(anonymous).where(within(membershipTerms.id, ids.membershipTermIds));
  await tx.update(certificates).set({ recipientName: DELETED_NAME }).where(or(eq(certificates.userId, user.id), within(certificates.registrationId, ids.registrationIds)));
  await tx
    .update(inquiries)
    .set({ requesterName: DELETED_NAME, requesterEmail: placeholder, requesterPhone: null, message: '' })
    .where(byEmail(inquiries.requesterEmail, user.email));
  // Audit records stay; the address (and a name of three letters or more) is replaced inside them.
  const replaceIn = (column: typeof auditEvents.before | typeof auditEvents.after, from: string, to: string) => sql`replace(${column}::text, ${from}, ${to})::jsonb`;
  const jsonText = (s: string) => JSON.stringify(s).slice(1, -1);
  const ownRows = [user.id, ...ids.registrationIds, ...ids.membershipIds, ...ids.membershipTermIds, ...ids.checkoutIds, ...ids.donationIds, ...ids.enrollmentIds, ...ids.aidIds];
  const mentions = or(
    inArray(auditEvents.entityId, ownRows),
    eq(auditEvents.actorUserId, user.id),
    sql`${auditEvents.before}::text ilike ${'%' + user.email + '%'}`,
    sql`${auditEvents.after}::text ilike ${'%' + user.email + '%'}`,
  );
  const auditIds = (await tx.select({ id: auditEvents.id }).from(auditEvents).where(mentions)).map((r) => r.id);
  await tx.update(auditEvents).set({ before: replaceIn(auditEvents.before, jsonText(user.email), placeholder), after: replaceIn(auditEvents.after, jsonText(user.email), placeholder) }).where(inArray(auditEvents.id, auditIds.length ? auditIds : [-1]));
  if (user.name.trim().length >= 3) {
    await tx
      .update(auditEvents)
      .set({ before: replaceIn(auditEvents.before, jsonText(user.name), DELETED_NAME), after: replaceIn(auditEvents.after, jsonText(user.name), DELETED_NAME) })
      .where(inArray(auditEvents.id, auditIds.length ? auditIds : [-1]));
  }
  await tx.update(users).set({ name: DELETED_NAME, email: placeholder, emailVerified: false, image: null, updatedAt: new Date() }).where(eq(users.id, user.id));
  await recordAudit(tx, actor, {
    organizationId: null,
    action: 'account.deleted',
    entityType: 'user',
    entityId: user.id,
    after: { registrations: ids.registrationIds.length, memberships: ids.membershipIds.length, membershipTerms: ids.membershipTermIds.length, checkouts: ids.checkoutIds.length, aidApplications: ids.aidIds.length },
  });
}

