// Every row tied to one person, found the same way for the download and for the deletion
// (ADR 0070): by their account, and — for rows made before the account existed or by a form
// that only took an address (memberships and membership terms, inquiries, donations, series places) — by their email.
import { eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '#db/client.server.ts';
import { aidApplications } from '#db/schema/aid.ts';
import { membershipTerms } from '#db/schema/membership.ts';
import { checkouts, donations } from '#db/schema/money.ts';
import { memberships, registrations } from '#db/schema/registration.ts';
import { seriesEnrollments } from '#db/schema/series.ts';

export interface Person {
  userId: string;
  email: string;
}

/** The person's rows in a table with a user id and an email column. */
export function byPerson(person: Person, userColumn: PgColumn, emailColumn?: PgColumn): SQL {
  const own = eq(userColumn, person.userId);
  return emailColumn ? or(own, eq(sql`lower(${emailColumn})`, person.email.toLowerCase()))! : own;
}

export async function personIds(db: DbOrTx, person: Person) {
  const ids = async <T extends { id: string }>(rows: Promise<T[]>) => (await rows).map((r) => r.id);
  // One after another: inside a transaction every query shares one connection.
  const registrationIds = await ids(db.select({ id: registrations.id }).from(registrations).where(eq(registrations.userId, person.userId)));
  const checkoutIds = await ids(db.select({ id: checkouts.id }).from(checkouts).where(byPerson(person, checkouts.userId, checkouts.payerEmail)));
  const donationIds = await ids(db.select({ id: donations.id }).from(donations).where(byPerson(person, donations.userId, donations.email)));
  const enrollmentIds = await ids(db.select({ id: seriesEnrollments.id }).from(seriesEnrollments).where(byPerson(person, seriesEnrollments.userId, seriesEnrollments.email)));
  const membershipIds = await ids(db.select({ id: memberships.id }).from(memberships).where(byPerson(person, memberships.userId, memberships.email)));
  const membershipTermIds = await ids(db.select({ id: membershipTerms.id }).from(membershipTerms).where(byPerson(person, membershipTerms.userId, membershipTerms.email)));
  const aidIds = await ids(db.select({ id: aidApplications.id }).from(aidApplications).where(eq(aidApplications.userId, person.userId)));
  return { registrationIds, checkoutIds, donationIds, enrollmentIds, membershipIds, membershipTermIds, aidIds };
}

/** `column in (ids)`, false for none (drizzle refuses an empty list). */
export function within(column: PgColumn, ids: string[]): SQL {
  return ids.length ? inArray(column, ids) : sql`false`;
}


/** Rows that hold only an address, no account. */
export function byEmail(column: PgColumn, email: string): SQL {
  return eq(sql`lower(${column})`, email.toLowerCase());
}
