// "Download my data" (issue 15, ADR 0070): everything the deployment holds about one person,
// across every organization, as one JSON document, and an audit row saying it was downloaded.
// Financial-aid statements are sealed at rest; they are opened here for their own author only.
// Evaluation answers are anonymous by design (evaluation_responses holds no person): only the
// fact and date of completion are the person's, and the document says so.
import { asc, desc, eq, or } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { organizationRoles, profiles, users } from '#db/schema/accounts.ts';
import { aidApplications } from '#db/schema/aid.ts';
import { attendance, participantGroupingFacts, smallGroupMembers } from '#db/schema/course-running.ts';
import { courses } from '#db/schema/courses.ts';
import { certificates, evaluationCompletions } from '#db/schema/credit.ts';
import { groupListingLeaders, groupListings, leaderTrainings } from '#db/schema/directory.ts';
import { inquiries } from '#db/schema/inquiries.ts';
import { directoryConsents } from '#db/schema/member-directory.ts';
import { membershipReminders, membershipTerms, membershipTypes } from '#db/schema/membership.ts';
import { cancellations, checkoutLines, checkouts, donations, ledgerEntries, payments, refunds } from '#db/schema/money.ts';
import { organizations } from '#db/schema/organizations.ts';
import { apiTokens, memberships, registrations } from '#db/schema/registration.ts';
import { seriesEnrollments } from '#db/schema/series.ts';
import { openContent, type SealingKeys } from '#domain/aid/content.server.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { byEmail, byPerson, personIds, within } from './person-rows.server.ts';

export const EXPORT_FORMAT = 'balint-hub/personal-data@1';

export async function exportPersonalData(db: DbOrTx, userId: string, actor: Actor, deps: { keys: SealingKeys; now?: Date }) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new DomainError('ACCOUNT_NOT_FOUND', userId);
  const person = { userId, email: user.email };
  const ids = await personIds(db, person);
  const orgs = await db.select({ id: organizations.id, slug: organizations.slug, name: organizations.name }).from(organizations);
  const orgOf = (id: string) => orgs.find((o) => o.id === id)?.slug ?? id;

  const [profile] = await db.select().from(profiles).where(eq(profiles.userId, userId));
  const roles = await db.select().from(organizationRoles).where(eq(organizationRoles.userId, userId));
  const consents = await db.select().from(directoryConsents).where(eq(directoryConsents.userId, userId));
  const membershipRows = await db.select().from(memberships).where(within(memberships.id, ids.membershipIds)).orderBy(asc(memberships.validFrom));
  const termRows = await db
    .select({ term: membershipTerms, typeName: membershipTypes.name })
    .from(membershipTerms)
    .innerJoin(membershipTypes, eq(membershipTypes.id, membershipTerms.typeId))
    .where(within(membershipTerms.id, ids.membershipTermIds))
    .orderBy(asc(membershipTerms.startsOn));
  const reminderRows = await db.select().from(membershipReminders).where(within(membershipReminders.termId, ids.membershipTermIds)).orderBy(asc(membershipReminders.sentOn));
  const registrationRows = await db
    .select({ registration: registrations, courseTitle: courses.title, courseStartsOn: courses.startsOn })
    .from(registrations)
    .innerJoin(courses, eq(courses.id, registrations.courseId))
    .where(within(registrations.id, ids.registrationIds))
    .orderBy(asc(registrations.submittedAt));
  const ledger = await db
    .select()
    .from(ledgerEntries)
    .where(or(within(ledgerEntries.registrationId, ids.registrationIds), within(ledgerEntries.donationId, ids.donationIds), within(ledgerEntries.seriesEnrollmentId, ids.enrollmentIds), within(ledgerEntries.membershipTermId, ids.membershipTermIds)))
    .orderBy(asc(ledgerEntries.sequence));
  const checkoutRows = await db.select().from(checkouts).where(within(checkouts.id, ids.checkoutIds)).orderBy(asc(checkouts.createdAt));
  const lineRows = await db.select().from(checkoutLines).where(within(checkoutLines.checkoutId, ids.checkoutIds)).orderBy(asc(checkoutLines.position));
  const paymentIds = [...new Set(ledger.map((e) => e.paymentId).filter((id): id is string => id !== null))];
  const paymentRows = await db
    .select()
    .from(payments)
    .where(or(within(payments.id, paymentIds), within(payments.checkoutId, ids.checkoutIds)))
    .orderBy(asc(payments.receivedOn));
  const refundRows = await db
    .select()
    .from(refunds)
    .where(or(within(refunds.registrationId, ids.registrationIds), within(refunds.donationId, ids.donationIds), within(refunds.seriesEnrollmentId, ids.enrollmentIds)))
    .orderBy(asc(refunds.createdAt));
  const cancellationRows = await db.select().from(cancellations).where(within(cancellations.registrationId, ids.registrationIds));
  const donationRows = await db.select().from(donations).where(within(donations.id, ids.donationIds));
  const enrollmentRows = await db.select().from(seriesEnrollments).where(within(seriesEnrollments.id, ids.enrollmentIds));
  const aidRows = await db.select().from(aidApplications).where(within(aidApplications.id, ids.aidIds));
  const attendanceRows = await db.select().from(attendance).where(within(attendance.registrationId, ids.registrationIds));
  const placements = await db.select().from(smallGroupMembers).where(within(smallGroupMembers.registrationId, ids.registrationIds));
  const groupingFacts = await db.select().from(participantGroupingFacts).where(within(participantGroupingFacts.registrationId, ids.registrationIds));
  const completions = await db.select().from(evaluationCompletions).where(within(evaluationCompletions.registrationId, ids.registrationIds));
  const certificateRows = await db
    .select()
    .from(certificates)
    .where(or(eq(certificates.userId, userId), within(certificates.registrationId, ids.registrationIds)))
    .orderBy(asc(certificates.issuedAt));
  const trainings = await db.select().from(leaderTrainings).where(eq(leaderTrainings.userId, userId));
  const leads = await db
    .select({ listingId: groupListings.id, organizationId: groupListings.organizationId, title: groupListings.title, slug: groupListings.slug })
    .from(groupListingLeaders)
    .innerJoin(groupListings, eq(groupListings.id, groupListingLeaders.listingId))
    .where(eq(groupListingLeaders.userId, userId));
  const inquiryRows = await db.select().from(inquiries).where(byEmail(inquiries.requesterEmail, person.email)).orderBy(desc(inquiries.createdAt));
  const tokens = await db
    .select({ organizationId: apiTokens.organizationId, name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId));

  const withOrg = <T extends { organizationId: string }>(rows: T[]) => rows.map((r) => ({ organization: orgOf(r.organizationId), ...r }));
  const document = {
    format: EXPORT_FORMAT,
    exportedAt: (deps.now ?? new Date()).toISOString(),
    notes: [
      'Amounts are in minor units of their currency (cents for USD).',
      'Evaluation answers are anonymous: they are stored without any link to you, so only the date you completed each evaluation is listed.',
      'Passwords are stored only as a one-way hash and are not included; sessions and sign-in tokens are not included.',
    ],
    account: { id: user.id, name: user.name, email: user.email, emailVerified: user.emailVerified, createdAt: user.createdAt },
    profile: profile ? { credentials: profile.credentials, profession: profile.profession, institution: profile.institution, city: profile.city, region: profile.region, country: profile.country, updatedAt: profile.updatedAt } : null,
    directoryConsents: withOrg(consents).map(({ userId: _u, ...c }) => c),
    roles: withOrg(roles).map((r) => ({ organization: r.organization, role: r.role, grantedAt: r.grantedAt })),
    memberships: withOrg(membershipRows),
    membershipTerms: termRows.map(({ term, typeName }) => ({
      organization: orgOf(term.organizationId),
      type: typeName,
      ...term,
      revokedBy: undefined,
      remindersSent: reminderRows.filter((r) => r.termId === term.id).map((r) => ({ kind: r.kind, sentOn: r.sentOn })),
    })),
    registrations: registrationRows.map(({ registration, courseTitle, courseStartsOn }) => ({
      organization: orgOf(registration.organizationId),
      course: { id: registration.courseId, title: courseTitle, startsOn: courseStartsOn },
      ...registration,
      submissionKey: undefined,
    })),
    applicationAnswers: registrationRows.map(({ registration }) => ({ registrationId: registration.id, answers: registration.answers })),
    ledgerEntries: withOrg(ledger),
    checkouts: withOrg(checkoutRows).map((c) => ({ ...c, providerSessionUrl: undefined, lines: lineRows.filter((l) => l.checkoutId === c.id) })),
    payments: withOrg(paymentRows),
    refunds: withOrg(refundRows),
    cancellations: withOrg(cancellationRows),
    donations: withOrg(donationRows),
    seriesEnrollments: withOrg(enrollmentRows),
    financialAidApplications: withOrg(aidRows).map(({ sealedContent, ...a }) => ({ ...a, content: openContent(sealedContent, deps.keys, a.id) })),
    attendance: withOrg(attendanceRows).map(({ markedBy: _m, conflictMarkId: _c, ...a }) => a),
    smallGroupPlacements: withOrg(placements).map(({ placedBy: _p, ...p }) => p),
    groupingFacts: withOrg(groupingFacts),
    evaluationsCompleted: withOrg(completions),
    certificates: withOrg(certificateRows),
    leaderTrainings: withOrg(trainings),
    groupsLed: leads.map((l) => ({ organization: orgOf(l.organizationId), title: l.title, slug: l.slug })),
    inquiries: withOrg(inquiryRows),
    apiTokens: tokens.map((t) => ({ organization: orgOf(t.organizationId), name: t.name, createdAt: t.createdAt, lastUsedAt: t.lastUsedAt, revokedAt: t.revokedAt })),
  };
  await recordAudit(db, actor, {
    organizationId: null,
    action: 'personal_data.exported',
    entityType: 'user',
    entityId: userId,
    after: Object.fromEntries(Object.entries(document).filter(([, v]) => Array.isArray(v) && v.length && typeof v[0] === 'object').map(([k, v]) => [k, (v as unknown[]).length])),
  });
  return document;
}

export type PersonalDataExport = Awaited<ReturnType<typeof exportPersonalData>>;
