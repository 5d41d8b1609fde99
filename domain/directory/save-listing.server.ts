// A leader lists their group, or changes its listing (issue 14). Any signed-in person may list
// a group naming themselves as its leader, and add co-leaders by their account's email; only
// the listing's leaders may change it. Every change to an approved listing other than its
// enrollment status sends it back to staff for approval.
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { users } from '#db/schema/accounts.ts';
import { groupListingLeaders, groupListings, type EnrollmentStatus } from '#db/schema/directory.ts';
import { organizations } from '#db/schema/organizations.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { coLeaderEmails, costMinor, professionsOf, type ListingFormValues } from './listing-form.ts';
import { lockLeadersListing } from './listing-records.server.ts';
import { locatePostcode } from './postcodes.ts';

export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'group';
}

async function uniqueSlug(tx: DbOrTx, organizationId: string, title: string, exceptId?: string): Promise<string> {
  const base = slugify(title);
  const taken = await tx
    .select({ slug: groupListings.slug })
    .from(groupListings)
    .where(and(eq(groupListings.organizationId, organizationId), sql`${groupListings.slug} like ${`${base}%`}`, exceptId ? ne(groupListings.id, exceptId) : undefined));
  const used = new Set(taken.map((r) => r.slug));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** The listing's columns from the form; coordinates from the postcode's area when the group meets in person. */
function columns(values: ListingFormValues, currency: string) {
  const online = values.format === 'online';
  const point = !online && values.postcode ? locatePostcode(values.postcode) : null;
  return {
    title: values.title,
    description: values.description,
    format: values.format,
    rotatingLeader: values.rotatingLeader === 'yes',
    professions: professionsOf(values as Record<string, unknown>),
    cadence: values.cadence,
    weekday: values.weekday,
    weekOfMonth: values.cadence === 'monthly' && values.weekOfMonth ? Number(values.weekOfMonth) : null,
    startTime: values.startTime,
    durationMinutes: values.durationMinutes,
    timeZone: values.timeZone,
    startsOn: values.startsOn,
    placeName: online ? '' : values.placeName,
    city: online ? '' : values.city,
    region: values.region,
    postcode: online ? '' : values.postcode,
    country: values.country,
    latitude: point?.latitude ?? null,
    longitude: point?.longitude ?? null,
    costMinor: costMinor(values.cost, currency),
    currency,
    costNote: values.costNote,
    enrollment: values.enrollment,
    howToJoin: values.howToJoin,
  };
}

/** Co-leaders' accounts by email; an address with no account is refused with the field named. */
async function coLeaderIds(tx: DbOrTx, text: string, leaderId: string): Promise<string[]> {
  const emails = coLeaderEmails(text);
  if (emails.length === 0) return [];
  const found = await tx.select({ id: users.id, email: users.email }).from(users).where(inArray(sql`lower(${users.email})`, emails));
  const byEmail = new Map(found.map((u) => [u.email.toLowerCase(), u.id]));
  const missing = emails.filter((e) => !byEmail.has(e));
  if (missing.length) throw new DomainError('DIRECTORY_CO_LEADER_UNKNOWN', undefined, { coLeaders: 'DIRECTORY_CO_LEADER_UNKNOWN' });
  return emails.map((e) => byEmail.get(e)!).filter((id) => id !== leaderId);
}

async function currencyOf(tx: DbOrTx, organizationId: string): Promise<string> {
  const [org] = await tx.select({ currency: organizations.currency }).from(organizations).where(eq(organizations.id, organizationId));
  return org?.currency ?? 'USD';
}

export async function createListing(db: DbOrTx, input: { organizationId: string; values: ListingFormValues }, actor: Actor & { userId: string }): Promise<{ id: string; slug: string }> {
  return db.transaction(async (tx) => {
    const others = await coLeaderIds(tx, input.values.coLeaders, actor.userId);
    const slug = await uniqueSlug(tx, input.organizationId, input.values.title);
    const [row] = await tx
      .insert(groupListings)
      .values({ organizationId: input.organizationId, slug, createdBy: actor.userId, ...columns(input.values, await currencyOf(tx, input.organizationId)) })
      .returning({ id: groupListings.id, slug: groupListings.slug });
    await tx.insert(groupListingLeaders).values([
      // The leader who lists the group receives visitors' messages.
      { listingId: row!.id, userId: actor.userId, position: 0, receivesMessages: true },
      ...others.map((userId, i) => ({ listingId: row!.id, userId, position: i + 1 })),
    ]);
    await recordAudit(tx, actor, { organizationId: input.organizationId, action: 'directory.listing.create', entityType: 'group_listing', entityId: row!.id, after: { slug, title: input.values.title } });
    return row!;
  });
}

export async function updateListing(db: DbOrTx, input: { organizationId: string; listingId: string; values: ListingFormValues }, actor: Actor & { userId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await lockLeadersListing(tx, input.organizationId, input.listingId, actor.userId);
    const leaders = await tx.select().from(groupListingLeaders).where(eq(groupListingLeaders.listingId, before.id));
    // The leader who receives messages stays; the others are the co-leaders typed.
    const contact = leaders.find((l) => l.receivesMessages) ?? leaders.find((l) => l.userId === actor.userId)!;
    const others = await coLeaderIds(tx, input.values.coLeaders, contact.userId);
    const slug = before.title === input.values.title ? before.slug : await uniqueSlug(tx, input.organizationId, input.values.title, before.id);
    const backToStaff = before.approvedAt !== null;
    await tx
      .update(groupListings)
      .set({
        slug,
        ...columns(input.values, await currencyOf(tx, input.organizationId)),
        ...(backToStaff ? { approvedAt: null, approvedBy: null, submittedAt: new Date() } : {}),
        updatedAt: new Date(),
      })
      .where(eq(groupListings.id, before.id));
    await tx.delete(groupListingLeaders).where(eq(groupListingLeaders.listingId, before.id));
    await tx.insert(groupListingLeaders).values([
      { listingId: before.id, userId: contact.userId, position: 0, receivesMessages: true },
      ...others.map((userId, i) => ({ listingId: before.id, userId, position: i + 1 })),
    ]);
    await recordAudit(tx, actor, {
      organizationId: input.organizationId,
      action: 'directory.listing.update',
      entityType: 'group_listing',
      entityId: before.id,
      before: { title: before.title, approved: before.approvedAt !== null },
      after: { title: input.values.title, approved: false },
    });
  });
}

/** Open, full, closed or starting soon: a leader's routine change, which keeps an approval. */
export async function setEnrollment(db: DbOrTx, input: { organizationId: string; listingId: string; enrollment: EnrollmentStatus }, actor: Actor & { userId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await lockLeadersListing(tx, input.organizationId, input.listingId, actor.userId);
    await tx.update(groupListings).set({ enrollment: input.enrollment, updatedAt: new Date() }).where(eq(groupListings.id, before.id));
    await recordAudit(tx, actor, { organizationId: input.organizationId, action: 'directory.listing.enrollment', entityType: 'group_listing', entityId: before.id, before: { enrollment: before.enrollment }, after: { enrollment: input.enrollment } });
  });
}

/** The leader sends the listing to staff for approval (again, after a withdrawal). */
export async function submitListing(db: DbOrTx, input: { organizationId: string; listingId: string }, actor: Actor & { userId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await lockLeadersListing(tx, input.organizationId, input.listingId, actor.userId);
    if (before.approvedAt && !before.withdrawnAt) return;
    await tx.update(groupListings).set({ submittedAt: new Date(), withdrawnAt: null, approvedAt: null, approvedBy: null, updatedAt: new Date() }).where(eq(groupListings.id, before.id));
    await recordAudit(tx, actor, { organizationId: input.organizationId, action: 'directory.listing.submit', entityType: 'group_listing', entityId: before.id });
  });
}

/** The leader takes the listing out of the directory (it can be sent for approval again). */
export async function withdrawListing(db: DbOrTx, input: { organizationId: string; listingId: string }, actor: Actor & { userId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await lockLeadersListing(tx, input.organizationId, input.listingId, actor.userId);
    if (before.withdrawnAt) return;
    await tx.update(groupListings).set({ withdrawnAt: new Date(), updatedAt: new Date() }).where(eq(groupListings.id, before.id));
    await recordAudit(tx, actor, { organizationId: input.organizationId, action: 'directory.listing.withdraw', entityType: 'group_listing', entityId: before.id });
  });
}
