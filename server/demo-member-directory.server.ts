// The member directory in the demo (issue 15, ADR 0070): several ABS members with varied
// consent, so that member@abs.example.org sees a directory with something in it — and some who
// are not shown: one who gave no consent, one who shows facts but not their name (so is not
// listed), and one whose membership lapsed last year.
import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { profiles, users } from '#db/schema/accounts.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { NO_CONSENT, type Consent } from '#domain/member-directory/consent.ts';
import { setDirectoryConsent } from '#domain/member-directory/consent.server.ts';
import { addMembership } from '#domain/membership/memberships.server.ts';

const on = (...fields: (keyof Consent)[]): Consent => ({ ...NO_CONSENT, ...Object.fromEntries(fields.map((f) => [f, true])) });

/** Demo people by email: their city, whether their membership is current, and what they show. */
export const DEMO_DIRECTORY_PEOPLE: { email: string; city: string; current: boolean; consent: Consent; profile?: { credentials: string; profession: string } }[] = [
  { email: 'member@abs.example.org', city: 'Coeur d’Alene', current: true, consent: on('showName', 'showCredentials', 'showCity', 'showProfession', 'showTraining') },
  { email: 'faculty@abs.example.org', city: 'Spokane', current: true, consent: on('showName', 'showCredentials', 'showLeaderStatus'), profile: { credentials: 'PhD', profession: 'Psychology' } },
  { email: 'priya.raman@example.org', city: 'Spokane', current: true, consent: on('showName', 'showCity', 'showProfession') },
  { email: 'tomas.lindqvist@example.org', city: 'Portland', current: true, consent: on('showName', 'showCredentials', 'showProfession') },
  { email: 'grace.whitfield@example.org', city: 'Salem', current: true, consent: on('showName') },
  { email: 'leah.feldman@example.org', city: 'Boise', current: true, consent: on('showName', 'showCredentials', 'showCity', 'showProfession') },
  // Not listed: facts without the name.
  { email: 'adaeze.okafor@example.org', city: 'The Dalles', current: true, consent: on('showCity', 'showProfession') },
  // Not listed: a member who never opted in.
  { email: 'hannah.kowalczyk@example.org', city: 'Tacoma', current: true, consent: NO_CONSENT },
  // Not listed: opted in to everything, but the membership lapsed.
  { email: 'walter.brandt@example.org', city: 'Moscow', current: false, consent: on('showName', 'showCredentials', 'showCity', 'showProfession', 'showTraining', 'showLeaderStatus') },
];

export async function seedDemoMemberDirectory(tx: DbOrTx, input: { organizationId: string; today: string }): Promise<void> {
  const year = Number(input.today.slice(0, 4));
  const people = await tx
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(inArray(users.email, DEMO_DIRECTORY_PEOPLE.map((p) => p.email)));
  for (const demo of DEMO_DIRECTORY_PEOPLE) {
    const person = people.find((p) => p.email === demo.email);
    if (!person) throw new Error(`demo member directory: no person ${demo.email}`);
    const set = { city: demo.city, ...(demo.profile ?? {}) };
    await tx.insert(profiles).values({ userId: person.id, ...set }).onConflictDoUpdate({ target: profiles.userId, set });
    // Staff accounts are members already (demo.server.ts); the course's participants join here.
    if (!demo.email.endsWith('@abs.example.org')) {
      const validity = demo.current ? { validFrom: `${year}-01-01`, validTo: `${year}-12-31` } : { validFrom: `${year - 2}-01-01`, validTo: `${year - 1}-12-31` };
      await addMembership(tx, { organizationId: input.organizationId, email: person.email, name: person.name, type: 'regular', ...validity }, systemActor);
    }
    await setDirectoryConsent(tx, { organizationId: input.organizationId, userId: person.id, consent: demo.consent }, systemActor);
  }
}

