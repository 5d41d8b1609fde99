// Demo data on the first start of an empty database: the two societies from the seed
// documents, their courses, and one account per role. Passwords are random, printed once.
import crypto from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import type { Db } from '#db/client.server.ts';
import type { Role } from '#db/schema/accounts.ts';
import { seedDemoContent } from '#db/seed/demo-content.server.ts';
import { seedDemoCourseRun } from '#db/seed/demo-course-run.server.ts';
import { assignRole, createVerifiedAccount, randomPassword } from '#domain/accounts/create-account.server.ts';
import { grantOperator } from '#domain/accounts/operators.server.ts';
import { addMembership } from '#domain/membership/memberships.server.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { seedDemoCredit } from './demo-credit.server.ts';
import { seedDemoDirectory } from './demo-directory.server.ts';
import { seedDemoMembership } from './demo-membership.server.ts';
import { seedDemoInquiries } from './demo-inquiries.server.ts';
import { seedDemoEmailTemplates } from './demo-email-templates.server.ts';
import { seedDemoMemberDirectory } from './demo-member-directory.server.ts';
import { seedDemoSiteLook } from './demo-site.server.ts';
import { seedDemoSeries } from './demo-series.server.ts';
import { seedDemoMessages } from './demo-messages.server.ts';
import { seedRotationAndAttendance } from './demo-rotation-attendance.server.ts';

// Links in messages the demo data would send; the demo issues certificates without mail, and
// a certificate's verification address is built from PUBLIC_URL when it is shown.
const DEMO_PUBLIC_URL = 'http://localhost:3000';

export interface DemoAccount {
  email: string;
  password: string;
  /** An organization's slug, or `deployment` for the operator. */
  organization: string;
  role: Role | 'operator';
}

const DEMO_PEOPLE: { email: string; name: string; org: 'abs' | 'nwbc'; role: Role }[] = [
  { email: 'admin@abs.example.org', name: 'Avery Admin', org: 'abs', role: 'admin' },
  { email: 'director@abs.example.org', name: 'Dana Director', org: 'abs', role: 'course_director' },
  { email: 'treasurer@abs.example.org', name: 'Tatum Treasurer', org: 'abs', role: 'treasurer' },
  { email: 'aid@abs.example.org', name: 'Alex Aid-Committee', org: 'abs', role: 'financial_aid_committee' },
  { email: 'member@abs.example.org', name: 'Morgan Member', org: 'abs', role: 'member' },
  { email: 'faculty@abs.example.org', name: 'Farrah Faculty', org: 'abs', role: 'faculty' },
  { email: 'admin@nwbc.example.org', name: 'Noel Northwest', org: 'nwbc', role: 'admin' },
];

const OPERATOR = { email: 'operator@balinthub.example.org', name: 'Olive Operator' };

/** `secretKey`: the deployment's root secret, so the demo's unsubscribe links work (ADR 0069). */
export async function seedDemo(db: Db, today = Temporal.Now.plainDateISO('America/Los_Angeles').toString(), secretKey: Buffer = crypto.randomBytes(32)): Promise<DemoAccount[]> {
  const accounts = await db.transaction(async (tx) => {
    const orgs = await seedDemoContent(tx, today);
    await seedDemoSiteLook(tx, orgs);
    const accounts: DemoAccount[] = [];
    const userIds: Record<string, string> = {};
    for (const person of DEMO_PEOPLE) {
      const password = randomPassword();
      const { userId } = await createVerifiedAccount(tx, { email: person.email, name: person.name, password }, systemActor);
      await assignRole(tx, { organizationId: orgs[person.org], userId, role: person.role }, systemActor);
      accounts.push({ email: person.email, password, organization: person.org, role: person.role });
      userIds[person.email] = userId;
      // Everyone with a role in a society is also its member, so the member rate applies to
      // them on the demo course (and the director sees a verified membership).
      const year = Number(today.slice(0, 4));
      // The demo member's membership is a paid term instead (demo-membership.server.ts).
      if (person.email !== 'member@abs.example.org') await addMembership(
        tx,
        { organizationId: orgs[person.org], email: person.email, name: person.name, type: 'regular', validFrom: `${year}-01-01`, validTo: `${year + 1}-12-31` },
        systemActor,
      );
    }
    // The past Spokane course was run: forty participants (the demo member among them) in four
    // published small groups; the demo faculty account leads one of them.
    await seedDemoCourseRun(tx, {
      organizationId: orgs.abs,
      courseId: orgs.pastCourseId,
      member: { userId: userIds['member@abs.example.org']!, name: 'Morgan Member', email: 'member@abs.example.org' },
      facultyUserId: userIds['faculty@abs.example.org']!,
    });
    // Its rotation, and attendance at every session (a few late arrivals, one absence; the
    // member throughout), then CE credit: evaluations and certificates.
    await seedRotationAndAttendance(tx, orgs.pastCourseId);
    await seedDemoCredit(tx, { organizationId: orgs.abs, courseId: orgs.pastCourseId, memberEmail: 'member@abs.example.org', publicUrl: DEMO_PUBLIC_URL });
    // The Balint groups directory: trained leaders' listings in both organizations.
    const person = (email: string) => ({ userId: userIds[email]!, email });
    await seedDemoDirectory(
      tx,
      {
        abs: orgs.abs,
        nwbc: orgs.nwbc,
        pastCourseId: orgs.pastCourseId,
        member: person('member@abs.example.org'),
        faculty: person('faculty@abs.example.org'),
        director: person('director@abs.example.org'),
        nwbcAdmin: person('admin@nwbc.example.org'),
        absAdmin: person('admin@abs.example.org'),
      },
      today,
    );
    // The member directory: ABS members with varied consent (ADR 0070).
    await seedDemoMemberDirectory(tx, { organizationId: orgs.abs, today });
    // Membership types and dues in both organizations, the member's paid year, people in grace
    // and lapsed, the Spokane intensive's complimentary memberships (ADR 0068).
    await seedDemoMembership(tx, { abs: orgs.abs, nwbc: orgs.nwbc, pastCourseId: orgs.pastCourseId, upcomingCourseId: orgs.upcomingCourseId, member: { userId: userIds['member@abs.example.org']!, name: 'Morgan Member', email: 'member@abs.example.org' } }, today);
    // Inquiries from each site (speaker, demonstration, Intensive on the Road, general contact)
    // in their inboxes, in different statuses, with replies sent.
    await seedDemoInquiries(tx, { orgs: { abs: orgs.abs, nwbc: orgs.nwbc }, userIds, publicUrl: DEMO_PUBLIC_URL, secretKey });
    // The ABS's own words for its evaluation reminder (ADR 0069).
    await seedDemoEmailTemplates(tx, orgs.abs);
    // Course messages (ADR 0067): one sent to Spokane's waitlist with each recipient's status, one scheduled.
    await seedDemoMessages(tx, { pastCourseId: orgs.pastCourseId, upcomingCourseId: orgs.upcomingCourseId, directorUserId: userIds['director@abs.example.org']!, publicUrl: DEMO_PUBLIC_URL });
    // The deployment's operator: reads credential mail (resets, confirmations) that cannot be
    // sent without SMTP. No organization's staff can.
    const password = randomPassword();
    const { userId } = await createVerifiedAccount(tx, { email: OPERATOR.email, name: OPERATOR.name, password }, systemActor);
    await grantOperator(tx, userId, systemActor);
    accounts.push({ email: OPERATOR.email, password, organization: 'deployment', role: 'operator' });
    return accounts;
  });
  // Group series in NWBC (ADR 0063): through the domain's own transactions, after the rest.
  await seedDemoSeries(db, today, DEMO_PUBLIC_URL);
  return accounts;
}
