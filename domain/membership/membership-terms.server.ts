// Membership terms bought online (ADR 0068): a pending term with its own ledger account is
// created when a checkout is made (the `membership_dues` line kind), becomes active when its
// dues are paid in full — a renewal continuing from the old end date, never from the payment
// day — and is voided if its checkout closes unpaid.
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { checkoutLines, checkouts, ledgerEntries } from '#db/schema/money.ts';
import { membershipTerms, membershipTypes } from '#db/schema/membership.ts';
import { organizations } from '#db/schema/organizations.ts';
import { registrations } from '#db/schema/registration.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { locksDisabledForTest } from '#domain/transaction.server.ts';
import { summarize } from '#domain/money/account.ts';
import { postEntries } from '#domain/money/post-entries.server.ts';
import { localDate } from '#domain/money/policy.ts';
import { queueRenewedEmail, queueWelcomeEmail } from './notify.server.ts';
import { graceDaysOf, latestTermEnd, type Person } from './standing.server.ts';
import { quoteTerm, type TermQuote } from './terms.ts';

export type MembershipType = typeof membershipTypes.$inferSelect;
export type MembershipTerm = typeof membershipTerms.$inferSelect;

/** Takes the lock that serializes one person's memberships in one organization (ADR 0068). */
export async function lockMembershipPerson(tx: DbOrTx, organizationId: string, email: string) {
  if (locksDisabledForTest()) return;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`membership:${organizationId}:${email.toLowerCase()}`}))`);
}

export async function getMembershipType(db: DbOrTx, organizationId: string, typeId: string): Promise<MembershipType> {
  const [type] = await db.select().from(membershipTypes).where(and(eq(membershipTypes.id, typeId), eq(membershipTypes.organizationId, organizationId)));
  if (!type) throw new DomainError('MEMBERSHIP_TYPE_NOT_FOUND', typeId);
  return type;
}

/** What joining or renewing with `type` costs and covers for the person today (read-only: the self-service page). */
export async function quoteMembership(db: DbOrTx, organizationId: string, person: Person, type: MembershipType, currency: string, today: string): Promise<TermQuote> {
  if (!type.active || type.complimentary) throw new DomainError('MEMBERSHIP_TYPE_NOT_OFFERED', type.id);
  const dues = type.dues[currency];
  if (dues === undefined || dues <= 0) throw new DomainError('MEMBERSHIP_DUES_CURRENCY', currency);
  const graceDays = await graceDaysOf(db, organizationId);
  return quoteTerm(type, dues, today, await latestTermEnd(db, organizationId, person), graceDays);
}

/**
 * A pending term charged on its own account: the `membership_dues` line's prepare. One pending
 * term per person at a time (an older unpaid one must be paid or its checkout closed first).
 */
export async function openMembershipTerm(
  tx: DbOrTx,
  input: { organizationId: string; userId: string; name: string; email: string; typeId: string; currency: string; today: string },
  actor: Actor,
): Promise<{ term: MembershipTerm; description: string }> {
  const type = await getMembershipType(tx, input.organizationId, input.typeId);
  const person = { userId: input.userId, email: input.email };
  // One person's purchases are serialized: two checkouts at once cannot both open a term.
  await lockMembershipPerson(tx, input.organizationId, input.email);
  // A term waiting on an invoice blocks a second one (pay or cancel that invoice first); one
  // waiting on an unpaid card page does not: that page is superseded by the new checkout
  // (createCheckout expires it, voiding its term), as a registration's older card page is.
  const [pending] = await tx
    .select({ id: membershipTerms.id })
    .from(membershipTerms)
    .innerJoin(checkoutLines, eq(checkoutLines.membershipTermId, membershipTerms.id))
    .innerJoin(checkouts, eq(checkouts.id, checkoutLines.checkoutId))
    .where(and(eq(membershipTerms.organizationId, input.organizationId), eq(membershipTerms.status, 'pending'), eq(membershipTerms.userId, input.userId), ne(checkouts.status, 'open')));
  if (pending) throw new DomainError('MEMBERSHIP_ALREADY_PENDING', pending.id);
  const quote = await quoteMembership(tx, input.organizationId, person, type, input.currency, input.today);
  const [term] = await tx
    .insert(membershipTerms)
    .values({
      organizationId: input.organizationId,
      typeId: type.id,
      userId: input.userId,
      email: input.email.toLowerCase(),
      name: input.name,
      status: 'pending',
      source: 'online',
      renewal: quote.renewal,
      startsOn: quote.startsOn,
      endsOn: quote.endsOn,
      duesMinor: quote.duesMinor,
      currency: input.currency,
    })
    .returning();
  const description = `${type.name} membership, ${quote.startsOn} – ${quote.endsOn}`;
  await postEntries(tx, [
    { organizationId: input.organizationId, membershipTermId: term!.id, kind: 'charge', amountMinor: quote.duesMinor, currency: input.currency, reason: description, effectiveOn: input.today, createdBy: actor.userId },
  ]);
  await recordAudit(tx, actor, { organizationId: input.organizationId, action: quote.renewal ? 'membership.renewal_opened' : 'membership.join_opened', entityType: 'membership_term', entityId: term!.id, after: { typeId: type.id, ...quote } });
  return { term: term!, description };
}

export async function membershipTermBalance(tx: DbOrTx, termId: string): Promise<number> {
  return summarize(await tx.select().from(ledgerEntries).where(eq(ledgerEntries.membershipTermId, termId))).balanceMinor;
}

/** Open card checkouts holding the person's pending terms: superseded by a newer checkout. */
export async function findOpenMembershipCheckouts(tx: DbOrTx, organizationId: string, userId: string | null): Promise<string[]> {
  if (!userId) return [];
  const rows = await tx
    .selectDistinct({ id: checkouts.id })
    .from(checkouts)
    .innerJoin(checkoutLines, eq(checkoutLines.checkoutId, checkouts.id))
    .innerJoin(membershipTerms, eq(membershipTerms.id, checkoutLines.membershipTermId))
    .where(and(eq(checkouts.organizationId, organizationId), eq(checkouts.status, 'open'), eq(membershipTerms.status, 'pending'), eq(membershipTerms.userId, userId)));
  return rows.map((r) => r.id);
}

/** The checkout closed unpaid: the term is void and its charge taken back. */
export async function voidMembershipTerm(tx: DbOrTx, termId: string, ctx: { organizationId: string; currency: string; today: string; actor: Actor; reason: string }) {
  const [term] = await tx.update(membershipTerms).set({ status: 'void' }).where(and(eq(membershipTerms.id, termId), eq(membershipTerms.status, 'pending'))).returning();
  if (!term) return;
  const balance = await membershipTermBalance(tx, termId);
  if (balance > 0) {
    await postEntries(tx, [{ organizationId: ctx.organizationId, membershipTermId: termId, kind: 'adjustment', amountMinor: -balance, currency: ctx.currency, reason: ctx.reason, effectiveOn: ctx.today, createdBy: ctx.actor.userId }]);
  }
  await recordAudit(tx, ctx.actor, { organizationId: ctx.organizationId, action: 'membership.voided', entityType: 'membership_term', entityId: termId, before: { status: 'pending' }, after: { status: 'void', reason: ctx.reason } });
}

/** A payment arrived for a term its checkout's closing voided: the charge is put back (the payment then activates it). */
export async function reinstateMembershipTerm(tx: DbOrTx, termId: string, amountMinor: number, ctx: { organizationId: string; currency: string; today: string; actor: Actor }) {
  const [term] = await tx.update(membershipTerms).set({ status: 'pending' }).where(and(eq(membershipTerms.id, termId), eq(membershipTerms.status, 'void'))).returning();
  if (!term) return;
  const missing = amountMinor - (await membershipTermBalance(tx, termId));
  if (missing > 0) {
    await postEntries(tx, [{ organizationId: ctx.organizationId, membershipTermId: termId, kind: 'adjustment', amountMinor: missing, currency: ctx.currency, reason: 'dues paid after their checkout closed', effectiveOn: ctx.today, createdBy: ctx.actor.userId }]);
  }
}

/**
 * After a payment: each pending term now paid in full becomes active. If another term became
 * active meanwhile and reaches into this one (two renewals paid), this one moves to start the
 * day after it, so paid time is never lost. The person's registrations waiting for membership
 * to be verified are verified when the type gives member prices. Welcome or renewal email.
 */
export async function activatePaidTerms(tx: DbOrTx, termIds: string[], actor: Actor, now: Date): Promise<MembershipTerm[]> {
  if (termIds.length === 0) return [];
  const terms = await tx.select().from(membershipTerms).where(and(inArray(membershipTerms.id, termIds), eq(membershipTerms.status, 'pending')));
  const activated: MembershipTerm[] = [];
  for (const term of terms) {
    if ((await membershipTermBalance(tx, term.id)) > 0) continue;
    const type = await getMembershipType(tx, term.organizationId, term.typeId);
    const person = { userId: term.userId, email: term.email };
    const previousEnd = await latestTermEnd(tx, term.organizationId, person);
    let dates = { startsOn: term.startsOn, endsOn: term.endsOn };
    if (previousEnd && previousEnd >= term.startsOn) {
      const moved = quoteTerm(type, term.duesMinor, previousEnd, previousEnd, 0);
      dates = { startsOn: moved.startsOn, endsOn: moved.endsOn };
    }
    const [after] = await tx.update(membershipTerms).set({ status: 'active', activatedAt: now, ...dates }).where(eq(membershipTerms.id, term.id)).returning();
    await recordAudit(tx, actor, { organizationId: term.organizationId, action: 'membership.activated', entityType: 'membership_term', entityId: term.id, before: { status: 'pending' }, after: { status: 'active', ...dates } });
    if (type.grantsMemberPrices) {
      const verified = await tx
        .update(registrations)
        .set({ membershipCheck: 'verified', updatedAt: now })
        .where(
          and(
            eq(registrations.organizationId, term.organizationId),
            eq(registrations.membershipCheck, 'to_verify'),
            term.userId ? sql`(${registrations.userId} = ${term.userId} or lower(${registrations.email}) = ${term.email})` : sql`lower(${registrations.email}) = ${term.email}`,
          ),
        )
        .returning({ id: registrations.id });
      for (const r of verified) {
        await recordAudit(tx, actor, { organizationId: term.organizationId, action: 'registration.membership_verified', entityType: 'registration', entityId: r.id, before: { membershipCheck: 'to_verify' }, after: { membershipCheck: 'verified', membershipTermId: term.id } });
      }
    }
    const facts = { organizationId: term.organizationId, email: term.email, name: term.name, typeName: type.name, ...dates };
    if (term.renewal) await queueRenewedEmail(tx, facts);
    else await queueWelcomeEmail(tx, facts);
    activated.push(after!);
  }
  return activated;
}

/** Staff revoke an active term (a complimentary one given by mistake, a membership withdrawn). */
export async function revokeMembershipTerm(tx: DbOrTx, input: { organizationId: string; termId: string; reason: string }, actor: Actor, now = new Date()) {
  const [term] = await tx
    .update(membershipTerms)
    .set({ status: 'revoked', revokedAt: now, revokedBy: actor.userId, revokeReason: input.reason })
    .where(and(eq(membershipTerms.id, input.termId), eq(membershipTerms.organizationId, input.organizationId), eq(membershipTerms.status, 'active')))
    .returning();
  if (!term) {
    const [exists] = await tx.select({ id: membershipTerms.id }).from(membershipTerms).where(and(eq(membershipTerms.id, input.termId), eq(membershipTerms.organizationId, input.organizationId)));
    throw new DomainError(exists ? 'MEMBERSHIP_NOT_REVOCABLE' : 'MEMBERSHIP_TERM_NOT_FOUND', input.termId);
  }
  await recordAudit(tx, actor, { organizationId: input.organizationId, action: 'membership.revoked', entityType: 'membership_term', entityId: term.id, before: { status: 'active' }, after: { status: 'revoked', reason: input.reason } });
  return term;
}

/** The organization's local date now. */
export async function orgToday(db: DbOrTx, organizationId: string, now = new Date()): Promise<string> {
  const [org] = await db.select({ timeZone: organizations.timeZone }).from(organizations).where(eq(organizations.id, organizationId));
  if (!org) throw new DomainError('ORGANIZATION_NOT_FOUND', organizationId);
  return localDate(now, org.timeZone);
}

/** A person's terms in the organization, newest first (the self-service page's history). */
export async function findPersonTerms(db: DbOrTx, organizationId: string, person: Person) {
  return db
    .select({ term: membershipTerms, typeName: membershipTypes.name })
    .from(membershipTerms)
    .innerJoin(membershipTypes, eq(membershipTypes.id, membershipTerms.typeId))
    .where(
      and(
        eq(membershipTerms.organizationId, organizationId),
        ne(membershipTerms.status, 'void'),
        person.userId ? sql`(${membershipTerms.userId} = ${person.userId} or lower(${membershipTerms.email}) = ${person.email.toLowerCase()})` : sql`lower(${membershipTerms.email}) = ${person.email.toLowerCase()}`,
      ),
    )
    .orderBy(sql`${membershipTerms.endsOn} desc`);
}
