// Demo inquiries (issue 14, ADR 0060): what a circle's and the national society's inboxes hold
// after a few weeks — an Intensive on the Road being scheduled, speaker requests in discussion,
// declined and done, general contact — each with its timeline, replies sent through the outbox.
// Made through the same use cases as the public forms and the inbox, then dated back.
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { inquiries, inquiryEvents, type InquiryStatus } from '#db/schema/inquiries.ts';
import { addInquiryNote } from '#domain/inquiries/add-inquiry-note.server.ts';
import { assignInquiry } from '#domain/inquiries/assign-inquiry.server.ts';
import { changeInquiryStatus } from '#domain/inquiries/change-inquiry-status.server.ts';
import type { InquiryFields } from '#domain/inquiries/inquiry-form.ts';
import { replyToInquiry } from '#domain/inquiries/reply-to-inquiry.server.ts';
import { submitInquiry } from '#domain/inquiries/submit-inquiry.server.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';

interface DemoInquiry {
  request: InquiryFields;
  daysAgo: number;
  handler?: string;
  note?: string;
  reply?: string;
  status?: InquiryStatus;
}

const NWBC: DemoInquiry[] = [
  {
    request: {
      kind: 'intensive_on_the_road',
      fields: {
        groupName: 'Cascade Valley Family Medicine Residency',
        name: 'Priya Raman',
        email: 'p.raman@cascadevalley.example.org',
        phone: '+1 509 555 0142',
        location: 'Wenatchee, WA — the residency’s teaching center',
        preferredDates: 'Four days in late September or October 2027',
        leadersToTrain: 10,
        message: 'Our faculty would like to start Balint groups for all three residency years.',
      },
    },
    daysAgo: 21,
    handler: 'admin@nwbc.example.org',
    note: 'Two of their faculty attended the Spokane intensive; they can co-lead from the start.',
    reply: 'Thank you for your request. We can bring an Intensive on the Road to Wenatchee for ten leaders. October 7–10, 2027 works for our faculty; shall we hold those dates?',
    status: 'scheduled',
  },
  {
    request: {
      kind: 'speaker',
      fields: {
        name: 'Marcus Oyelaran',
        email: 'm.oyelaran@pacifichospice.example.org',
        groupName: 'Pacific Hospice Interdisciplinary Team',
        speakerFormat: 'demonstration',
        audience: 'Nurses, chaplains, social workers and physicians of the hospice team',
        audienceSize: 25,
        preferredDates: 'A Wednesday afternoon in March 2027',
        attendance: 'online',
        location: '',
        message: 'We have heard about Balint groups and would like to see one before starting our own.',
      },
    },
    daysAgo: 9,
    handler: 'admin@nwbc.example.org',
    reply: 'We would be glad to lead a demonstration group for your team online. Could you tell us which Wednesdays in March suit you?',
  },
  {
    request: {
      kind: 'speaker',
      fields: {
        name: 'Helen Brandt',
        email: 'h.brandt@coastalnursing.example.org',
        groupName: 'Coastal Nursing Conference',
        speakerFormat: 'talk',
        audience: 'Nurse practitioners',
        audienceSize: 300,
        preferredDates: 'June 12, 2026',
        attendance: 'in_person',
        location: 'Anchorage, AK',
        message: '',
      },
    },
    daysAgo: 30,
    handler: 'admin@nwbc.example.org',
    note: 'No speaker free on that date; suggested next year’s conference instead.',
    status: 'declined',
  },
  {
    request: { kind: 'general', fields: { name: 'Sam Whitaker', email: 's.whitaker@example.org', subject: 'Groups in Olympia?', message: 'Is there an open-enrollment Balint group near Olympia this autumn?' } },
    daysAgo: 2,
  },
];

const ABS: DemoInquiry[] = [
  {
    request: {
      kind: 'intensive_on_the_road',
      fields: {
        groupName: 'Lakeshore Health System',
        name: 'Daniel Okafor',
        email: 'd.okafor@lakeshorehealth.example.org',
        phone: '',
        location: 'Milwaukee, WI',
        preferredDates: 'Spring 2027',
        leadersToTrain: 12,
        message: 'Behavioral health and primary care faculty across our four clinics.',
      },
    },
    daysAgo: 3,
  },
  {
    request: {
      kind: 'speaker',
      fields: {
        name: 'Grace Liu',
        email: 'g.liu@statepsych.example.org',
        groupName: 'State Psychiatric Association',
        speakerFormat: 'workshop',
        audience: 'Psychiatry residents and early-career psychiatrists',
        audienceSize: 40,
        preferredDates: 'November 2026 annual meeting',
        attendance: 'in_person',
        location: 'Chicago, IL',
        message: 'A half-day workshop on the clinician–patient relationship.',
      },
    },
    daysAgo: 45,
    handler: 'director@abs.example.org',
    reply: 'Thank you — two of our leaders will run the half-day workshop at your annual meeting. We will send the description for your program this week.',
    note: 'Workshop held; the association asked about an intensive next year.',
    status: 'done',
  },
  {
    request: { kind: 'general', fields: { name: 'Rosa Delgado', email: 'r.delgado@example.org', subject: 'Leader certification', message: 'What are the steps from attending an intensive to becoming a credentialed leader?' } },
    daysAgo: 6,
    handler: 'admin@abs.example.org',
    reply: 'Thank you for asking. After an intensive, leaders co-lead and lead groups under supervision; our credentialing page lists the steps. Happy to talk it through.',
  },
];

export async function seedDemoInquiries(tx: DbOrTx, input: { orgs: { abs: string; nwbc: string }; userIds: Record<string, string>; publicUrl: string; secretKey: Buffer; now?: Date }) {
  const now = input.now ?? new Date();
  for (const [org, list] of [['nwbc', NWBC], ['abs', ABS]] as const) {
    const organizationId = input.orgs[org];
    for (const item of list) {
      const { inquiryId } = await submitInquiry(tx, { organizationId, ...item.request }, systemActor, { publicUrl: input.publicUrl, secretKey: input.secretKey });
      const handlerId = item.handler ? input.userIds[item.handler] : undefined;
      if (handlerId) {
        const actor = { userId: handlerId, requestId: null };
        const base = { organizationId, inquiryId };
        await assignInquiry(tx, { ...base, assigneeUserId: handlerId }, actor);
        if (item.reply) await replyToInquiry(tx, { ...base, body: item.reply }, actor, { publicUrl: input.publicUrl });
        if (item.note) await addInquiryNote(tx, { ...base, body: item.note }, actor);
        if (item.status) await changeInquiryStatus(tx, { ...base, status: item.status }, actor);
      }
      // Dated back: received `daysAgo` days ago, each later step a day after the one before.
      const received = new Date(now.getTime() - item.daysAgo * 86_400_000);
      await tx.update(inquiries).set({ createdAt: received, updatedAt: received }).where(eq(inquiries.id, inquiryId));
      await tx.execute(
        sql`update ${inquiryEvents} set at = ${received.toISOString()}::timestamptz + make_interval(hours => ((rank - 1) * 20)::int) from (select id as event_id, row_number() over (order by id) as rank from ${inquiryEvents} where inquiry_id = ${inquiryId}) ranked where ${inquiryEvents.id} = ranked.event_id`,
      );
      await tx.execute(sql`update ${inquiries} set updated_at = (select max(at) from ${inquiryEvents} where inquiry_id = ${inquiryId}) where ${inquiries.id} = ${inquiryId}`);
    }
  }
}
