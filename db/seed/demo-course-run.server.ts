// The past Spokane 2025 intensive as a course that was run (issue 12): forty participants —
// invented people with plausible professions, institutions, regions and Balint experience, one of
// them the demo member account — registered, accepted and (all but three) paid in full; four small
// groups of ten, each led by two of the course's eight faculty (one of them a behavioral-health
// clinician), published. No patient, no case: the demo holds who attends, never what is said.
//
// Runs inside seedDemo's transaction after the demo accounts exist. Writes rows directly (the
// seed sits below the domain layer) exactly as the use cases would have left them: a charge and a
// payment on each paid registration's ledger, an audit-free history since nobody acted.
import crypto from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { profiles, users } from '#db/schema/accounts.ts';
import { participantGroupingFacts, smallGroupLeaders, smallGroupMembers, smallGroupPlans, smallGroups } from '#db/schema/course-running.ts';
import { courseFaculty, coursePrices, courses } from '#db/schema/courses.ts';
import { ledgerEntries, payments } from '#db/schema/money.ts';
import { registrations, type ApplicationAnswers, type PolicySnapshot } from '#db/schema/registration.ts';

export interface DemoCourseRunInput {
  organizationId: string;
  courseId: string;
  /** The demo member account (member@abs.example.org): one of the participants. */
  member: { userId: string; name: string; email: string };
  /** The demo faculty account (faculty@abs.example.org): linked to a faculty entry that leads a group. */
  facultyUserId: string;
}

/** name | discipline | credentials | institution | region | Balint experience | gender | co-leader candidate */
const PEOPLE = `
Priya Raman|Family medicine|MD|Inland Valley Family Medicine Residency|WA|training|woman|yes
Tomás Lindqvist|Psychiatry|MD|Cascade Behavioral Health|OR|leader|man|yes
Adaeze Okafor|Social work|LCSW|Columbia Gorge Community Clinic|OR|training||yes
Walter Brandt|Psychology|PhD|Palouse Regional Hospital|ID|training|man|yes
MEMBER|Family medicine|MD|Kootenai Valley Hospital|ID|member||
Hannah Kowalczyk|Nursing|RN|Puget Sound Veterans Clinic|WA|new|woman|
Diego Álvarez|Family medicine resident|MD|Inland Valley Family Medicine Residency|WA|new|man|
Grace Whitfield|Internal medicine|DO|Willamette Psychiatry Associates|OR|member|woman|
Samuel Osei|Psychiatry resident|MD|Inland Valley Family Medicine Residency|WA|new|man|
Leah Feldman|Psychology|PsyD|Boise Family Health Center|ID|member|woman|
Marcus Bell|Social work|MSW|Tri-Cities Counseling Center|WA|new|man|
Yuki Tanaka|Pediatrics|MD|Sacramento Children's Clinic|CA|member|woman|
Fatima Haddad|Family medicine|MD|Cascade Behavioral Health|OR|new|woman|
Owen Gallagher|Nursing|NP|Big Sky Rural Health|MT|member|man|
Ingrid Solberg|Psychiatry|MD|Alaska Native Medical Partners|AK|leader|woman|
Rafael Mendes|Family medicine resident|DO|Front Range Family Medicine Residency|CO|new|man|
Chloe Dubois|Psychology|PhD|Willamette Psychiatry Associates|OR|member||
Jamal Carter|Family medicine|MD|Denver Community Health Services|CO|new|man|
Beatrice Nguyen|Social work|LICSW|Puget Sound Veterans Clinic|WA|member|woman|
Henrik Larsen|Chaplaincy|MDiv|Providence Valley Hospice|WA|new|man|
Anita Deshpande|Internal medicine|MD|Sacramento Children's Clinic|CA|new|woman|
Connor Walsh|Psychiatry resident|MD|Oregon Coast Psychiatry Residency|OR|new|man|
Mei-Ling Chen|Nursing|RN|Kootenai Valley Hospital|ID|new|woman|
Elijah Brooks|Family medicine|MD|Big Sky Rural Health|MT|member|man|
Sofia Romero|Psychology|PsyD|Front Range Family Medicine Residency|CO|training|woman|
Nathaniel Price|Family medicine resident|MD|Tri-Cities Counseling Center|WA|new||
Olga Petrova|Psychiatry|MD|Salt Lake Behavioral Institute|UT|member|woman|
Kwame Mensah|Social work|LCSW|Denver Community Health Services|CO|new|man|
Lucy Harrington|Veterinary medicine|DVM|Palouse Veterinary Teaching Hospital|WA|new|woman|
Daniel Kim|Family medicine|MD|Alaska Native Medical Partners|AK|training|man|
Rosa Castillo|Nursing|NP|Columbia Gorge Community Clinic|OR|member|woman|
Benjamin Stone|Internal medicine resident|MD|Salt Lake Behavioral Institute|UT|new|man|
Aisha Rahman|Psychology|PhD|Vancouver Island Counselling Centre|BC|member|woman|
Patrick O'Neill|Family medicine|MD|Spokane Teaching Health Center|WA|member|man|
Julia Novak|Social work|MSW|Boise Family Health Center|ID|new|woman|
Victor Almeida|Psychiatry|MD|Oregon Coast Psychiatry Residency|OR|training|man|
Naomi Feld|Family medicine resident|MD|Spokane Teaching Health Center|WA|new|woman|
Theo Papadopoulos|Psychology|PsyD|Providence Valley Hospice|WA|new|man|
Ruth Adeyemi|Nursing|RN|Vancouver Island Counselling Centre|BC|new|woman|
Simon Hale|Pediatrics resident|MD|Sacramento Children's Clinic|CA|new|man|
`
  .trim()
  .split('\n')
  .map((line) => {
    const [name, discipline, credentials, institution, region, experience, gender, coLeader] = line.split('|') as string[];
    return { name: name!, discipline: discipline!, credentials: credentials!, institution: institution!, region: region!, experience: experience!, gender: gender ?? '', coLeader: coLeader === 'yes' };
  });

/** Each group's room at the venue and its two leaders by seed name: a physician (or veterinarian) with a behavioral-health clinician. */
const GROUPS = [
  { name: 'Small group 1', room: 'Cedar Room', leaders: ['Janet Walker', 'Jillian Romm'] },
  { name: 'Small group 2', room: 'Fir Room', leaders: ['Ellen Barnett', 'Chris Rule'] },
  { name: 'Small group 3', room: 'Larch Room', leaders: ['Don Nease', 'Trevor Slocum'] },
  { name: 'Small group 4', room: 'Pine Room', leaders: ['Shana O\u2019Marra', 'Kris Wheeler'] },
];
const BEHAVIORAL_HEALTH = ['Jillian Romm', 'Chris Rule', 'Trevor Slocum', 'Kris Wheeler'];
/** The demo faculty account signs in as this faculty entry. */
export const DEMO_FACULTY_ENTRY = 'Ellen Barnett';
/** The three registrations accepted but not yet paid in full when the course ran. */
const UNPAID = new Set(['Simon Hale', 'Ruth Adeyemi', 'Naomi Feld']);

const TRAINEE = /resident/i;
const localDay = (d: Date) => d.toISOString().slice(0, 10);
const slug = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '');

/**
 * Deals the list round the groups as a director would by hand: each person to the emptiest group
 * holding nobody from their institution and, for a co-leader candidate, no other candidate.
 */
function dealGroups(): number[] {
  const size = GROUPS.map(() => 0);
  const institutions = GROUPS.map(() => new Set<string>());
  const candidates = GROUPS.map(() => 0);
  return PEOPLE.map((person) => {
    const allowed = GROUPS.map((_, g) => g).filter((g) => !institutions[g]!.has(person.institution) && !(person.coLeader && candidates[g]! > 0));
    const g = allowed.reduce((best, x) => (size[x]! < size[best]! ? x : best), allowed[0]!);
    size[g]!++;
    institutions[g]!.add(person.institution);
    if (person.coLeader) candidates[g]!++;
    return g;
  });
}

export async function seedDemoCourseRun(db: DbOrTx, input: DemoCourseRunInput): Promise<{ participants: number; groups: number }> {
  const [course] = await db.select().from(courses).where(and(eq(courses.id, input.courseId), eq(courses.organizationId, input.organizationId)));
  if (!course) throw new Error('demo course run: course not found');
  const cells = await db.select().from(coursePrices).where(eq(coursePrices.courseId, course.id)).orderBy(asc(coursePrices.position));
  const faculty = await db.select().from(courseFaculty).where(eq(courseFaculty.courseId, course.id));
  const facultyByName = new Map(faculty.map((f) => [f.name.replace("'", '\u2019'), f]));
  const priceOf = (categoryKey: string, tier: 'early' | 'regular') => {
    const cell = cells.find((c) => c.categoryKey === categoryKey && c.tier === tier);
    if (!cell) throw new Error(`demo course run: no ${categoryKey}/${tier} price`);
    return cell;
  };
  const priceTable: PolicySnapshot['prices'] = [];
  for (const cell of cells) {
    let row = priceTable.find((p) => p.categoryKey === cell.categoryKey);
    if (!row) priceTable.push((row = { categoryKey: cell.categoryKey, categoryLabel: cell.categoryLabel }));
    row[cell.tier] = cell.amountMinor;
  }

  // Faculty: who counts as a behavioral-health clinician, and the demo faculty account.
  await db
    .update(courseFaculty)
    .set({ behavioralHealth: true })
    .where(and(eq(courseFaculty.courseId, course.id), inArray(courseFaculty.name, BEHAVIORAL_HEALTH)));
  const demoFaculty = facultyByName.get(DEMO_FACULTY_ENTRY);
  if (!demoFaculty) throw new Error('demo course run: faculty entry missing');
  await db.update(courseFaculty).set({ userId: input.facultyUserId }).where(eq(courseFaculty.id, demoFaculty.id));

  const groupRows = await db
    .insert(smallGroups)
    .values(GROUPS.map((g, position) => ({ organizationId: input.organizationId, courseId: course.id, position, name: g.name, room: g.room })))
    .returning();
  await db.insert(smallGroupLeaders).values(
    GROUPS.flatMap((g, i) =>
      g.leaders.map((name) => {
        const entry = facultyByName.get(name);
        if (!entry) throw new Error(`demo course run: no faculty named ${name}`);
        return { smallGroupId: groupRows[i]!.id, courseFacultyId: entry.id, organizationId: input.organizationId };
      }),
    ),
  );

  const groupOf = dealGroups();
  // Applications from early January to the deadline; the first thirty at the early rate.
  const firstDay = Date.UTC(2025, 0, 6, 17, 0);
  for (const [index, person] of PEOPLE.entries()) {
    const isMember = person.name === 'MEMBER';
    const name = isMember ? input.member.name : person.name;
    let userId = input.member.userId;
    const email = isMember ? input.member.email : `${slug(name)}@example.org`;
    if (!isMember) {
      userId = crypto.randomUUID();
      await db.insert(users).values({ id: userId, name, email, emailVerified: true });
    }
    await db
      .insert(profiles)
      .values({ userId, credentials: person.credentials, profession: person.discipline, institution: person.institution, region: person.region, country: person.region === 'BC' ? 'CA' : 'US' })
      .onConflictDoUpdate({ target: profiles.userId, set: { credentials: person.credentials, profession: person.discipline, institution: person.institution, region: person.region } });
    const trainee = TRAINEE.test(person.discipline);
    const categoryKey = isMember ? 'member' : trainee ? 'trainee' : 'non_member';
    const tier = index < 30 ? ('early' as const) : ('regular' as const);
    const price = priceOf(categoryKey, tier);
    const submittedAt = new Date(firstDay + index * 1.6 * 86_400_000);
    const decidedAt = new Date(submittedAt.getTime() + 3 * 86_400_000);
    const paid = !UNPAID.has(name);
    const answers: ApplicationAnswers = {
      discipline: person.discipline,
      credentials: person.credentials,
      institution: person.institution,
      clinicallyActive: true,
      willingToPresent: index % 7 !== 3,
      commitsToAttendAll: true,
      understandsNotTherapy: true,
      dietaryNeeds: '',
      accessibilityNeeds: '',
      heardAbout: '',
      trainingProgram: trainee ? person.institution : '',
      traineeAttested: trainee,
      attestations: Object.fromEntries(course.attestations.map((a) => [a.key, true])),
      custom: {},
    };
    const [registration] = await db
      .insert(registrations)
      .values({
        organizationId: input.organizationId,
        courseId: course.id,
        userId,
        submissionKey: `demo-spokane-2025-${index}`,
        status: paid ? 'confirmed' : 'accepted',
        name,
        email,
        categoryKey,
        tier,
        holdsEarlyPlace: tier === 'early',
        baseAmountMinor: price.amountMinor,
        amountMinor: price.amountMinor,
        currency: course.currency,
        membershipCheck: isMember ? 'verified' : 'not_needed',
        answers,
        policy: {
          courseTitle: course.title,
          currency: course.currency,
          categoryLabel: price.categoryLabel,
          tier,
          prices: priceTable,
          earlyPlaceLimit: course.earlyPlaceLimit,
          earlyRateUntil: course.earlyRateUntil,
          registrationDeadline: course.registrationDeadline,
          cancellationDeadline: course.cancellationDeadline,
          cancellationFeeMinor: course.cancellationFeeMinor,
          refundWithinDays: course.refundWithinDays,
          timeZone: course.timeZone,
          paymentTiming: course.paymentTiming,
          attestations: course.attestations,
          policies: course.sections.filter((s) => s.key === 'cancellation_policy'),
        },
        submittedAt,
        decidedAt,
        addressConfirmedAt: submittedAt,
        updatedAt: decidedAt,
      })
      .returning();
    const reg = registration!;
    const base = { organizationId: input.organizationId, registrationId: reg.id, currency: course.currency };
    await db.insert(ledgerEntries).values({ ...base, kind: 'charge', amountMinor: price.amountMinor, reason: `${course.title}: ${price.categoryLabel} (${tier})`, effectiveOn: localDay(submittedAt) });
    if (paid) {
      const receivedOn = localDay(new Date(decidedAt.getTime() + 5 * 86_400_000));
      const [payment] = await db
        .insert(payments)
        .values({ organizationId: input.organizationId, method: 'check', amountMinor: price.amountMinor, currency: course.currency, receivedOn, reference: `Check ${2100 + index}` })
        .returning();
      await db.insert(ledgerEntries).values({ ...base, kind: 'payment', amountMinor: -price.amountMinor, paymentId: payment!.id, reason: 'check', effectiveOn: receivedOn });
    }
    if (person.experience || person.gender || person.coLeader) {
      await db.insert(participantGroupingFacts).values({
        registrationId: reg.id,
        organizationId: input.organizationId,
        balintExperience: person.experience,
        coLeaderCandidate: person.coLeader,
        gender: person.gender,
      });
    }
    await db.insert(smallGroupMembers).values({
      registrationId: reg.id,
      smallGroupId: groupRows[groupOf[index]!]!.id,
      organizationId: input.organizationId,
      courseId: course.id,
      pinned: false,
      placedAt: new Date('2025-04-10T17:00:00Z'),
      notifiedAt: new Date('2025-04-11T16:00:00Z'),
    });
  }
  await db
    .insert(smallGroupPlans)
    .values({ courseId: course.id, organizationId: input.organizationId, minSize: 8, maxSize: 12, publishedAt: new Date('2025-04-11T16:00:00Z'), version: 1 });
  return { participants: PEOPLE.length, groups: GROUPS.length };
}
