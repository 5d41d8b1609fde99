// The directory on a real PostgreSQL: leaders change only their own listings, staff of one
// organization approve only its listings and only with a trained leader (training recorded by
// the organization or its national society), the national directory includes its circles'
// groups and a circle's does not include the national's, and "contact the leader" queues one
// message to the leader with Reply-To the visitor, behind a honeypot and a per-address limit.
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { users } from '#db/schema/accounts.ts';
import { outboxMessages } from '#db/schema/email.ts';
import { organizations } from '#db/schema/organizations.ts';
import { createOrganization } from '../../tests/helpers/fixtures.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { approveListing } from './approve-listing.server.ts';
import { CONTACTS_PER_HOUR, contactLeader } from './contact-leader.server.ts';
import { findDirectory, findLeaderListings, getPublicListing } from './find-listings.server.ts';
import { listingSchema } from './listing-form.ts';
import { createListing, submitListing, updateListing, withdrawListing } from './save-listing.server.ts';
import { recordTraining, setTrainingVerified } from './trainings.server.ts';

const testDb = useTestDatabase();

async function person(name: string) {
  const id = crypto.randomUUID();
  const email = `${name.toLowerCase()}-${id.slice(0, 6)}@example.org`;
  await testDb.db.insert(users).values({ id, name, email, emailVerified: true });
  return { userId: id, email, requestId: null };
}

function values(over: Record<string, string> = {}) {
  const parsed = listingSchema.safeParse({
    title: 'Wednesday Group',
    format: 'in_person',
    cadence: 'weekly',
    weekday: '3',
    startTime: '19:00',
    durationMinutes: '90',
    timeZone: 'America/Los_Angeles',
    startsOn: '2025-09-03',
    city: 'Seattle',
    region: 'Washington',
    postcode: '98104',
    enrollment: 'open',
    howToJoin: 'Write to the leader.',
    ...over,
  });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
}

async function societyWithCircle() {
  const national = await createOrganization(testDb.db);
  const circle = await createOrganization(testDb.db);
  await testDb.db.update(organizations).set({ kind: 'regional_circle', parentOrganizationId: national.id }).where(eq(organizations.id, circle.id));
  return { national, circle };
}

describe('leaders manage their own listings', () => {
  test('the leader and a co-leader may edit; anyone else gets "not found"', async () => {
    const org = await createOrganization(testDb.db);
    const leader = await person('Lee');
    const co = await person('Cora');
    const stranger = await person('Stan');
    const { id } = await createListing(testDb.db, { organizationId: org.id, values: values({ coLeaders: co.email }) }, leader);
    await updateListing(testDb.db, { organizationId: org.id, listingId: id, values: values({ title: 'Wednesday Evening Group', coLeaders: co.email }) }, co);
    await expect(updateListing(testDb.db, { organizationId: org.id, listingId: id, values: values({ title: 'Taken over' }) }, stranger)).rejects.toMatchObject({ code: 'DIRECTORY_LISTING_NOT_FOUND' });
    await expect(withdrawListing(testDb.db, { organizationId: org.id, listingId: id }, stranger)).rejects.toMatchObject({ code: 'DIRECTORY_LISTING_NOT_FOUND' });
    const [mine] = await findLeaderListings(testDb.db, org.id, leader.userId);
    expect(mine).toMatchObject({ title: 'Wednesday Evening Group', slug: 'wednesday-evening-group', state: 'draft' });
    expect(mine!.leaders.map((l) => [l.userId, l.receivesMessages])).toEqual([
      [leader.userId, true],
      [co.userId, false],
    ]);
    // Placed on the map from the postcode's area (Seattle).
    expect(mine!.latitude).toBeCloseTo(47.6, 0);
    expect(await findLeaderListings(testDb.db, org.id, stranger.userId)).toEqual([]);
  });

  test('a co-leader without an account is refused with the field named', async () => {
    const org = await createOrganization(testDb.db);
    const leader = await person('Lee');
    await expect(createListing(testDb.db, { organizationId: org.id, values: values({ coLeaders: 'nobody-here@example.org' }) }, leader)).rejects.toMatchObject({
      code: 'DIRECTORY_CO_LEADER_UNKNOWN',
      fields: { coLeaders: 'DIRECTORY_CO_LEADER_UNKNOWN' },
    });
  });
});

describe('staff approve, within their organization, only with a trained leader', () => {
  test('no verified training: refused; training verified by the national society: approved; another organization: not found', async () => {
    const { national, circle } = await societyWithCircle();
    const other = await createOrganization(testDb.db);
    const leader = await person('Lee');
    const staff = { userId: null, requestId: null };
    const { id } = await createListing(testDb.db, { organizationId: circle.id, values: values() }, leader);
    await expect(approveListing(testDb.db, { organizationId: circle.id, listingId: id }, staff)).rejects.toMatchObject({ code: 'DIRECTORY_NOT_SUBMITTED' });
    await submitListing(testDb.db, { organizationId: circle.id, listingId: id }, leader);
    await expect(approveListing(testDb.db, { organizationId: circle.id, listingId: id }, staff)).rejects.toMatchObject({ code: 'DIRECTORY_NO_TRAINED_LEADER' });
    // Training recorded by an unrelated society does not count.
    await recordTraining(testDb.db, { organizationId: other.id, email: leader.email, kind: 'intensive', description: 'Elsewhere', courseId: null, completedOn: null, verified: true }, staff);
    await expect(approveListing(testDb.db, { organizationId: circle.id, listingId: id }, staff)).rejects.toMatchObject({ code: 'DIRECTORY_NO_TRAINED_LEADER' });
    const trainingId = await recordTraining(testDb.db, { organizationId: national.id, email: leader.email, kind: 'intensive', description: 'Spokane 2025', courseId: null, completedOn: null, verified: false }, staff);
    await expect(approveListing(testDb.db, { organizationId: circle.id, listingId: id }, staff)).rejects.toMatchObject({ code: 'DIRECTORY_NO_TRAINED_LEADER' });
    await setTrainingVerified(testDb.db, { organizationId: national.id, trainingId, verified: true }, staff);
    // Another organization's staff cannot reach it; the circle's own can.
    await expect(approveListing(testDb.db, { organizationId: other.id, listingId: id }, staff)).rejects.toMatchObject({ code: 'DIRECTORY_LISTING_NOT_FOUND' });
    await expect(approveListing(testDb.db, { organizationId: national.id, listingId: id }, staff)).rejects.toMatchObject({ code: 'DIRECTORY_LISTING_NOT_FOUND' });
    await approveListing(testDb.db, { organizationId: circle.id, listingId: id }, staff);
    expect((await getPublicListing(testDb.db, circle.id, 'wednesday-group')).id).toBe(id);
    // A verification taken back takes the group out of the directory at once.
    await expect(setTrainingVerified(testDb.db, { organizationId: circle.id, trainingId, verified: false }, staff)).rejects.toMatchObject({ code: 'DIRECTORY_TRAINING_NOT_FOUND' });
    await setTrainingVerified(testDb.db, { organizationId: national.id, trainingId, verified: false }, staff);
    await expect(getPublicListing(testDb.db, circle.id, 'wednesday-group')).rejects.toMatchObject({ code: 'DIRECTORY_LISTING_NOT_FOUND' });
  });
});

describe('one directory across circles', () => {
  test("the national directory includes its circles' published groups, labelled; a circle's does not include the national's", async () => {
    const { national, circle } = await societyWithCircle();
    const leader = await person('Lee');
    const staff = { userId: null, requestId: null };
    await recordTraining(testDb.db, { organizationId: national.id, email: leader.email, kind: 'intensive', description: 'Spokane 2025', courseId: null, completedOn: null, verified: true }, staff);
    const publish = async (organizationId: string, title: string) => {
      const { id } = await createListing(testDb.db, { organizationId, values: values({ title }) }, leader);
      await submitListing(testDb.db, { organizationId, listingId: id }, leader);
      await approveListing(testDb.db, { organizationId, listingId: id }, staff);
      return id;
    };
    await publish(national.id, 'National Group');
    await publish(circle.id, 'Circle Group');
    const pending = await createListing(testDb.db, { organizationId: circle.id, values: values({ title: 'Circle Pending' }) }, leader);
    await submitListing(testDb.db, { organizationId: circle.id, listingId: pending.id }, leader);
    const withdrawn = await publish(circle.id, 'Circle Withdrawn');
    await withdrawListing(testDb.db, { organizationId: circle.id, listingId: withdrawn }, leader);

    const nationwide = await findDirectory(testDb.db, national.id);
    expect(nationwide.map((l) => [l.title, l.organization.slug, l.organization.own])).toEqual([
      ['Circle Group', circle.slug, false],
      ['National Group', national.slug, true],
    ]);
    const regional = await findDirectory(testDb.db, circle.id);
    expect(regional.map((l) => l.title)).toEqual(['Circle Group']);
    // A circle's listing page lives under the circle, not the national society.
    await expect(getPublicListing(testDb.db, national.id, 'circle-group')).rejects.toMatchObject({ code: 'DIRECTORY_LISTING_NOT_FOUND' });
  });
});

describe('contact the leader', () => {
  test('one message to the leader, Reply-To the visitor; a honeypot sends nothing; the per-address limit holds', async () => {
    const org = await createOrganization(testDb.db);
    const leader = await person('Lee');
    const staff = { userId: null, requestId: null };
    await recordTraining(testDb.db, { organizationId: org.id, email: leader.email, kind: 'intensive', description: 'Spokane 2025', courseId: null, completedOn: null, verified: true }, staff);
    const { id, slug } = await createListing(testDb.db, { organizationId: org.id, values: values({ title: 'Contact Me Group' }) }, leader);
    await submitListing(testDb.db, { organizationId: org.id, listingId: id }, leader);
    await approveListing(testDb.db, { organizationId: org.id, listingId: id }, staff);
    const visitor = { name: 'Vera Visitor', email: 'vera@example.org', message: 'Is there room for a psychologist?' };
    const address = `203.0.113.${Math.floor(Math.random() * 200)}`;
    const send = (v: Record<string, string>, clientAddress = address) =>
      contactLeader(testDb.db, { organizationId: org.id, slug, clientAddress, publicUrl: 'https://hub.example.org', values: { ...visitor, ...v } }, staff);

    const { emailIds } = await send({});
    const [mail] = await testDb.db.select().from(outboxMessages).where(eq(outboxMessages.id, emailIds[0]!));
    expect(mail).toMatchObject({ toAddress: leader.email, replyTo: 'vera@example.org', kind: 'directory.contact' });
    expect(mail!.text).toContain('Is there room for a psychologist?');
    expect(mail!.text).toContain('Vera Visitor (vera@example.org)');

    expect((await send({ website: 'http://spam.example' })).emailIds).toEqual([]);
    for (let i = 1; i < CONTACTS_PER_HOUR; i++) await send({ email: `v${i}@example.org` });
    await expect(send({ email: 'one-too-many@example.org' })).rejects.toMatchObject({ code: 'DIRECTORY_CONTACT_THROTTLED' });
    // Another address is not held back by this one's.
    expect((await send({ email: 'other@example.org' }, '198.51.100.7')).emailIds).toHaveLength(1);
    const sent = await testDb.db.select().from(outboxMessages).where(eq(outboxMessages.organizationId, org.id));
    expect(sent).toHaveLength(CONTACTS_PER_HOUR + 1);
  });

  test('an unpublished listing cannot be written to', async () => {
    const org = await createOrganization(testDb.db);
    const leader = await person('Lee');
    const { slug } = await createListing(testDb.db, { organizationId: org.id, values: values() }, leader);
    await expect(
      contactLeader(testDb.db, { organizationId: org.id, slug, clientAddress: '192.0.2.1', publicUrl: 'https://hub.example.org', values: { name: 'V', email: 'v@example.org', message: 'Hi' } }, { userId: null }),
    ).rejects.toMatchObject({ code: 'DIRECTORY_LISTING_NOT_FOUND' });
  });
});
