// Demo data for the Balint groups directory (issue 14): leaders with verified training (the
// demo member from the Spokane 2025 intensive's attendance; the faculty as a credentialed
// leader; the circle's admin trained through the national society), and listings in both
// organizations across formats — an online weekly group, a rotating-leader group, a monthly
// in-person group in Seattle, a hybrid group — plus one waiting for approval and one whose
// leader has no verified training, so it cannot be approved and is not public.
// Made through the directory's own use cases, as leaders and staff would.
import { and, eq } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { DbOrTx } from '#db/client.server.ts';
import { courses } from '#db/schema/courses.ts';
import { approveListing } from '#domain/directory/approve-listing.server.ts';
import type { ListingFormValues } from '#domain/directory/listing-form.ts';
import { createListing, submitListing } from '#domain/directory/save-listing.server.ts';
import { recordTraining } from '#domain/directory/trainings.server.ts';

type Listing = Partial<ListingFormValues> & Pick<ListingFormValues, 'title' | 'format' | 'cadence' | 'weekday' | 'startTime' | 'timeZone' | 'startsOn' | 'howToJoin'> & Record<string, unknown>;

const base = { description: '', durationMinutes: 90, weekOfMonth: '', placeName: '', city: '', region: '', postcode: '', country: 'USA', cost: '', costNote: '', enrollment: 'open', coLeaders: '' } as const;

function values(listing: Listing): ListingFormValues {
  return { ...base, ...listing } as ListingFormValues;
}

export interface DemoDirectoryPeople {
  abs: string;
  nwbc: string;
  pastCourseId: string;
  member: { userId: string; email: string };
  faculty: { userId: string; email: string };
  director: { userId: string; email: string };
  nwbcAdmin: { userId: string; email: string };
  absAdmin: { userId: string };
}

/** The slug both organizations' demo directories hold: the authorization sweep's sample listing page. */
export const DEMO_SHARED_LISTING_SLUG = 'balint-group-for-residents';

export async function seedDemoDirectory(tx: DbOrTx, p: DemoDirectoryPeople, today: string) {
  const absStaff = { userId: p.absAdmin.userId, requestId: null };
  const nwbcStaff = { userId: p.nwbcAdmin.userId, requestId: null };
  const [course] = await tx.select({ id: courses.id, title: courses.title, endsOn: courses.endsOn }).from(courses).where(and(eq(courses.id, p.pastCourseId), eq(courses.organizationId, p.abs)));
  if (!course) throw new Error('demo: the past course is missing');

  // Training, recorded and verified by the national society's staff.
  await recordTraining(tx, { organizationId: p.abs, email: p.member.email, kind: 'intensive', description: course.title, courseId: course.id, completedOn: course.endsOn, verified: true }, absStaff);
  await recordTraining(tx, { organizationId: p.abs, email: p.faculty.email, kind: 'credentialed_leader', description: 'Credentialed Balint leader, American Balint Society', courseId: null, completedOn: '2019-10-01', verified: true }, absStaff);
  await recordTraining(tx, { organizationId: p.abs, email: p.nwbcAdmin.email, kind: 'intensive', description: 'Leadership Training Intensive, Seattle, 2022', courseId: null, completedOn: '2022-05-14', verified: true }, absStaff);
  // Claimed, not yet checked against the society's records: it does not count.
  await recordTraining(tx, { organizationId: p.abs, email: p.director.email, kind: 'other', description: 'Balint leadership workshop (to be confirmed)', courseId: null, completedOn: '2024-03-02', verified: false }, absStaff);

  const soon = Temporal.PlainDate.from(today).add({ days: 30 }).toString();
  const faculty = { userId: p.faculty.userId, requestId: null };
  const member = { userId: p.member.userId, requestId: null };
  const director = { userId: p.director.userId, requestId: null };
  const noel = { userId: p.nwbcAdmin.userId, requestId: null };

  const publish = async (organizationId: string, leader: { userId: string; requestId: null }, staff: typeof absStaff, listing: Listing) => {
    const { id } = await createListing(tx, { organizationId, values: values(listing) }, leader);
    await submitListing(tx, { organizationId, listingId: id }, leader);
    await approveListing(tx, { organizationId, listingId: id }, staff);
    return id;
  };

  // American Balint Society
  await publish(p.abs, faculty, absStaff, {
    title: 'Tuesday Evening Online Balint Group',
    description: 'A weekly online Balint group for physicians and residents anywhere in North America. Eight to ten members; cameras on.',
    format: 'online',
    'profession.physicians': 'yes',
    'profession.residents': 'yes',
    cadence: 'weekly',
    weekday: 2,
    startTime: '19:00',
    timeZone: 'America/Los_Angeles',
    startsOn: '2025-09-02',
    cost: '25',
    costNote: 'per session',
    howToJoin: 'Write to the leader with the form below; a short conversation before the first session.',
    region: 'Online',
  });
  await publish(p.abs, member, absStaff, {
    title: 'Balint Group for Residents',
    description: 'A rotating-leader group for family medicine residents, started by graduates of the Spokane intensive. Each session another member leads, with a trained leader present.',
    format: 'in_person',
    rotatingLeader: 'yes',
    'profession.residents': 'yes',
    cadence: 'every_other_week',
    weekday: 4,
    startTime: '12:15',
    durationMinutes: 60,
    timeZone: 'America/Los_Angeles',
    startsOn: '2025-09-04',
    placeName: 'Family Medicine Residency, Conference Room B',
    city: 'Spokane',
    region: 'Washington',
    postcode: '99204',
    cost: '0',
    coLeaders: p.faculty.email,
    howToJoin: 'Residents of the program join by telling the chief resident; visitors may write to the leader.',
  });
  // Waiting for approval (its leader is trained: staff can approve it).
  const pending = await createListing(
    tx,
    {
      organizationId: p.abs,
      values: values({
        title: 'Online Balint Group for Nurses',
        description: 'A monthly online group for nurses in hospital and community practice.',
        format: 'online',
        'profession.nurses': 'yes',
        cadence: 'monthly',
        weekOfMonth: '1',
        weekday: 1,
        startTime: '18:00',
        timeZone: 'America/Chicago',
        startsOn: soon,
        enrollment: 'starting_soon',
        region: 'Online',
        howToJoin: 'Write to the leader to reserve a place.',
      }),
    },
    member,
  );
  await submitListing(tx, { organizationId: p.abs, listingId: pending.id }, member);
  // Its leader's training is not verified: staff see why it cannot be approved; never public.
  const untrained = await createListing(
    tx,
    {
      organizationId: p.abs,
      values: values({
        title: 'Thursday Lunchtime Balint Group',
        format: 'in_person',
        cadence: 'weekly',
        weekday: 4,
        startTime: '12:00',
        durationMinutes: 60,
        timeZone: 'America/Los_Angeles',
        startsOn: '2025-10-02',
        placeName: 'Medical Center, Room 204',
        city: 'Spokane',
        region: 'Washington',
        postcode: '99202',
        howToJoin: 'Ask at the medical staff office.',
      }),
    },
    director,
  );
  await submitListing(tx, { organizationId: p.abs, listingId: untrained.id }, director);

  // Northwest Balint Circle: its admin's training was verified by the national society.
  await publish(p.nwbc, noel, nwbcStaff, {
    title: 'Seattle Monthly Balint Group',
    description: 'An open-enrollment group for clinicians of every profession, meeting on the first Wednesday of each month.',
    format: 'in_person',
    cadence: 'monthly',
    weekOfMonth: '1',
    weekday: 3,
    startTime: '18:30',
    durationMinutes: 90,
    timeZone: 'America/Los_Angeles',
    startsOn: '2025-10-01',
    placeName: 'First Hill Medical Pavilion, Room 310',
    city: 'Seattle',
    region: 'Washington',
    postcode: '98104',
    cost: '40',
    costNote: 'per session; sliding scale',
    howToJoin: 'Write to the leader; new members join at the start of each season (September, January, April).',
  });
  await publish(p.nwbc, noel, nwbcStaff, {
    title: 'Balint Group for Residents',
    description: 'A hybrid group for residents in Tacoma: half the members in the room, half online.',
    format: 'hybrid',
    'profession.residents': 'yes',
    'profession.physicians': 'yes',
    cadence: 'every_other_week',
    weekday: 1,
    startTime: '17:30',
    durationMinutes: 75,
    timeZone: 'America/Los_Angeles',
    startsOn: '2025-09-08',
    placeName: 'Tacoma Family Medicine',
    city: 'Tacoma',
    region: 'Washington',
    postcode: '98405',
    enrollment: 'full',
    howToJoin: 'Full this season; write to the leader to be told when places open.',
  });
}
