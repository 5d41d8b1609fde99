// What the payments benchmark's three parts share (bench/payments.ts): the course dates, the
// zone, printing, and setting registrations and a treasurer up through the domain functions.
import type { Db } from '../../db/client.server.ts';
import { assignRole, createVerifiedAccount, randomPassword } from '../../domain/accounts/create-account.server.ts';
import { systemActor } from '../../domain/audit/record-audit.server.ts';
import { placeRegistration, type Registration } from '../../domain/registration/place-registration.server.ts';
import { application } from '../../tests/helpers/fixtures.ts';
import { forEachLimited } from './payments-load.ts';
import { percentile } from './registration-load.ts';

export const ZONE = 'America/Los_Angeles';
// Open for registration now; cancellations before 2099-12-01 get their money back less the fee.
export const OPEN_NOW = { registrationOpensOn: null, registrationDeadline: '2099-12-31', startsOn: '2099-12-30', endsOn: '2099-12-31', earlyRateUntil: null, cancellationDeadline: '2099-12-01' };

export const say = (line: string) => process.stdout.write(`${line}\n`);
export const days = (n: number) => new Date(Date.now() + n * 86_400_000);
export const ms = (values: number[], p: number) => Math.round(percentile(values, p));

export async function placeMany(db: Db, publicUrl: string, organizationId: string, courseId: string, count: number, now?: Date): Promise<Registration[]> {
  const placed: Registration[] = [];
  await forEachLimited(Array.from({ length: count }), 4, async () => {
    placed.push((await placeRegistration(db, application(organizationId, courseId), systemActor, { publicUrl, ...(now ? { now } : {}) })).registration);
  });
  return placed;
}

export async function staffAccount(db: Db, organizationIds: string[]) {
  const email = `treasurer-${Date.now()}@example.org`;
  const password = randomPassword();
  const { userId } = await createVerifiedAccount(db, { email, name: 'Bench Treasurer', password }, systemActor);
  for (const organizationId of organizationIds) await assignRole(db, { organizationId, userId, role: 'treasurer' }, systemActor);
  return { email, password };
}
