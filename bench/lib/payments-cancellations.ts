// Part 3 of bench/payments.ts: several concurrent staff cancellations of each of K paid
// registrations (the lock path); each registration is cancelled once, every repeat refused.
import type { Db } from '../../db/client.server.ts';
import { localDate } from '../../domain/money/policy.ts';
import { createCourse, createOrganization } from '../../tests/helpers/fixtures.ts';
import { payRegistration } from '../../tests/helpers/money-fixtures.ts';
import { forEachLimited, runConcurrently } from './payments-load.ts';
import { ms, OPEN_NOW, placeMany, say, ZONE } from './payments-setup.ts';

export async function cancellationsSetup(db: Db, appUrl: string, sizes: { cancellations: number }) {
  const CANCELLED = sizes.cancellations;
  const org = await createOrganization(db);
  const course = await createCourse(db, org.id, { ...OPEN_NOW, capacity: CANCELLED + 10 });
  say(`cancellations: ${CANCELLED} paid registrations…`);
  const regs = await placeMany(db, appUrl, org.id, course.id, CANCELLED);
  await forEachLimited(regs, 4, async (reg) => {
    await payRegistration(db, reg, reg.amountMinor, { method: 'check', reference: 'check 101', receivedOn: localDate(new Date(), ZONE), now: new Date() });
  });
  return { org, course, regs };
}

export async function cancellations(
  pool: import('pg').Pool,
  appUrl: string,
  cookie: string,
  setup: Awaited<ReturnType<typeof cancellationsSetup>>,
  sizes: { connections: number; cancelsPerRegistration: number },
) {
  const { connections: CONNECTIONS, cancelsPerRegistration: CANCELS_PER_REGISTRATION } = sizes;
  const { org, course, regs } = setup;
  const receivedOn = localDate(new Date(), ZONE);
  const total = regs.length * CANCELS_PER_REGISTRATION;
  say(`cancellations: ${CANCELS_PER_REGISTRATION} concurrent staff cancellations of each, ${total} requests over ${CONNECTIONS} connections…`);
  // Requests i..i+9 cancel the same registration, so each registration is hit 10 times at once.
  const run = await runConcurrently(total, CONNECTIONS, async (i) => {
    const reg = regs[Math.floor(i / CANCELS_PER_REGISTRATION)]!;
    const response = await fetch(`${appUrl}/o/${org.slug}/admin/courses/${course.id}/applications/${reg.id}/cancel`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: appUrl, cookie },
      body: new URLSearchParams({ intent: 'record', channel: 'email', receivedOn }),
    });
    await response.arrayBuffer();
    return response.status;
  });
  const statuses = run.results.map((r) => r.value ?? 0);
  // Per registration, the first cancellation to take the lock is answered 200 and every repeat
  // 409 ("already cancelled").
  const answers = regs.map((_, k) => statuses.slice(k * CANCELS_PER_REGISTRATION, (k + 1) * CANCELS_PER_REGISTRATION));
  const { rows: [c] } = await pool.query<{ cancelled: number; cancellations_wrong: number; refunds_wrong: number; refunds: number; acknowledgments: number }>(
    `select (select count(*)::int from registrations where course_id = $1 and status = 'cancelled') as cancelled,
            (select count(*)::int from registrations r where r.course_id = $1 and (select count(*) from cancellations x where x.registration_id = r.id) <> 1) as cancellations_wrong,
            (select count(*)::int from registrations r where r.course_id = $1 and (select count(*) from refunds f where f.registration_id = r.id) <> 1) as refunds_wrong,
            (select count(*)::int from refunds f join registrations r on r.id = f.registration_id where r.course_id = $1) as refunds,
            (select count(*)::int from outbox_messages where organization_id = $2 and kind = 'refunds.cancellation_acknowledged') as acknowledgments`,
    [course.id, org.id],
  );
  const latencies = run.results.map((r) => r.ms);
  return {
    requests: total,
    perS: total / run.seconds,
    p50: ms(latencies, 50),
    p99: ms(latencies, 99),
    ok: statuses.filter((s) => s === 200).length,
    oncePerRegistration: answers.filter((a) => a.filter((s) => s === 200).length === 1).length,
    repeatsRefused: statuses.filter((s) => s === 409).length,
    serverErrors: statuses.filter((s) => s >= 500).length,
    failed: statuses.filter((s) => s === 0).length,
    ...c!,
  };
}
