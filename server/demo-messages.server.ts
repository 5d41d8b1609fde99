// The demo's course messages (ADR 0067): on the past Spokane course, three people who stayed on
// its waitlist, and the message the director sent them, with each recipient's status (two
// delivered, one refused by the recipient's mail server); on the upcoming intensive, a message
// scheduled for 14 days before it starts, to accepted participants.
import crypto from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { users } from '#db/schema/accounts.ts';
import { courses } from '#db/schema/courses.ts';
import { outboxMessages } from '#db/schema/email.ts';
import { courseMessageRecipients, courseMessages, courseMessageSettings } from '#db/schema/messages.ts';
import { organizations } from '#db/schema/organizations.ts';
import { registrations } from '#db/schema/registration.ts';
import { renderCourseMessage } from '#domain/messages/render.ts';
import { scheduledInstant } from '#domain/messages/schedule.ts';
import { MESSAGE_KIND } from '#domain/messages/write-message.server.ts';

const WAITLIST = [
  { name: 'Signe Halvorsen', email: 's.halvorsen@fjordhealth.example.net', outcome: 'sent' as const },
  { name: 'Rafael Moreno', email: 'r.moreno@clinicasur.example.net', outcome: 'sent' as const },
  { name: 'Kenji Mori', email: 'k.mori@mail.invalid', outcome: 'bounced' as const },
];

export const DEMO_WAITLIST_SUBJECT = 'Spokane is full: you are on the waitlist';

export async function seedDemoMessages(db: DbOrTx, input: { pastCourseId: string; upcomingCourseId: string; directorUserId: string; publicUrl: string }): Promise<void> {
  const [past] = await db.select().from(courses).where(eq(courses.id, input.pastCourseId));
  const [upcoming] = await db.select().from(courses).where(eq(courses.id, input.upcomingCourseId));
  if (!past || !upcoming) throw new Error('demo messages: the demo courses are missing');
  const [org] = await db.select({ slug: organizations.slug, name: organizations.name }).from(organizations).where(eq(organizations.id, past.organizationId));
  // A participant's application as the pattern for the waitlisted ones (same policy, same answers).
  const [pattern] = await db
    .select()
    .from(registrations)
    .where(and(eq(registrations.courseId, past.id), eq(registrations.categoryKey, 'non_member')))
    .orderBy(asc(registrations.submittedAt))
    .limit(1);
  if (!org || !pattern) throw new Error('demo messages: the Spokane participants are missing');

  // Replies to the course's messages go to the director's office.
  for (const course of [past, upcoming]) {
    await db.insert(courseMessageSettings).values({ courseId: course.id, organizationId: course.organizationId, replyTo: 'intensive@abs.example.org' });
  }

  const waitlistedAt = new Date(`${past.registrationDeadline}T17:00:00Z`);
  const waitlisted = [];
  for (const [i, person] of WAITLIST.entries()) {
    const userId = crypto.randomUUID();
    await db.insert(users).values({ id: userId, name: person.name, email: person.email, emailVerified: true });
    const [reg] = await db
      .insert(registrations)
      .values({
        organizationId: past.organizationId,
        courseId: past.id,
        userId,
        submissionKey: `demo-spokane-2025-waitlist-${i}`,
        status: 'waitlisted',
        name: person.name,
        email: person.email,
        categoryKey: pattern.categoryKey,
        tier: 'regular',
        baseAmountMinor: pattern.baseAmountMinor,
        amountMinor: pattern.baseAmountMinor,
        currency: pattern.currency,
        answers: pattern.answers,
        policy: { ...pattern.policy, tier: 'regular' },
        submittedAt: new Date(waitlistedAt.getTime() - (3 - i) * 86_400_000),
        waitlistedAt: new Date(waitlistedAt.getTime() - (3 - i) * 86_400_000),
        addressConfirmedAt: new Date(waitlistedAt.getTime() - (3 - i) * 86_400_000),
      })
      .returning();
    waitlisted.push({ ...person, userId, registrationId: reg!.id });
  }

  // The message the director sent them, handed to the outbox and delivered (one bounced).
  const sentAt = new Date(`${past.registrationDeadline}T18:00:00Z`);
  const body = 'Dear {{first_name}},\n\nThe {{course_title}} ({{course_dates}}) is full, and you are on its waitlist. If a place frees we will offer it to you by email, in the order of the list.\n\nYour registration: {{registration_link}}';
  const [message] = await db
    .insert(courseMessages)
    .values({
      organizationId: past.organizationId,
      courseId: past.id,
      subject: DEMO_WAITLIST_SUBJECT,
      body,
      filter: { statuses: ['waitlisted'], categoryKeys: [], payment: 'any', missing: 'any' },
      state: 'sent',
      frozenAt: sentAt,
      completedAt: sentAt,
      createdBy: input.directorUserId,
      createdAt: sentAt,
    })
    .returning();
  for (const [position, person] of waitlisted.entries()) {
    const email = renderCourseMessage({ subject: DEMO_WAITLIST_SUBJECT, body }, { publicUrl: input.publicUrl, org, course: past, recipient: { name: person.name, balanceMinor: 0, currency: past.currency } });
    const [outbox] = await db
      .insert(outboxMessages)
      .values({
        organizationId: past.organizationId,
        kind: MESSAGE_KIND,
        toAddress: person.email,
        replyTo: 'intensive@abs.example.org',
        ...email,
        status: person.outcome,
        attempts: 1,
        lastError: person.outcome === 'bounced' ? '550 5.1.1 recipient address rejected: no such user' : null,
        createdAt: sentAt,
        sentAt: person.outcome === 'sent' ? new Date(sentAt.getTime() + 60_000) : null,
      })
      .returning({ id: outboxMessages.id });
    await db.insert(courseMessageRecipients).values({
      organizationId: past.organizationId,
      messageId: message!.id,
      registrationId: person.registrationId,
      userId: person.userId,
      name: person.name,
      email: person.email,
      position,
      outboxMessageId: outbox!.id,
      queuedAt: sentAt,
    });
  }

  // Scheduled on the upcoming intensive: 14 days before it starts, 09:00 in its zone, to accepted participants.
  const schedule = { anchor: 'starts_on' as const, offsetDays: -14, localTime: '09:00' };
  await db.insert(courseMessages).values({
    organizationId: upcoming.organizationId,
    courseId: upcoming.id,
    subject: 'Two weeks to go: {{course_title}}',
    body: 'Dear {{first_name}},\n\nThe {{course_title}} begins in two weeks ({{course_dates}}). The schedule and the venue are on the course page: {{course_link}}\n\nWhat you still owe, if anything: {{amount_due}}. Your registration: {{registration_link}}',
    filter: { statuses: ['accepted', 'confirmed'], categoryKeys: [], payment: 'any', missing: 'any' },
    state: 'scheduled',
    schedule,
    sendAt: scheduledInstant(upcoming, schedule),
    createdBy: input.directorUserId,
  });
}
