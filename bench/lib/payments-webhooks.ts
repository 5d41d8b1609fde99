// Part 1 of bench/payments.ts: N card checkouts for registrations in one course, each paid on
// the fake Stripe, and every `checkout.session.completed` POSTed to /webhooks/stripe several
// times (Stripe retries), shuffled, over C concurrent connections; then what the database holds.
import type { Db } from '../../db/client.server.ts';
import { createCheckout } from '../../domain/payments/create-checkout.server.ts';
import type { FakeEvent, FakeStripe } from '../../tests/helpers/fake-stripe.ts';
import { createCourse, createOrganization } from '../../tests/helpers/fixtures.ts';
import { stripeSettings } from '../../tests/helpers/money-fixtures.ts';
import { forEachLimited, runConcurrently, shuffle } from './payments-load.ts';
import { ms, OPEN_NOW, placeMany, say } from './payments-setup.ts';

export async function webhooks(db: Db, pool: import('pg').Pool, appUrl: string, fake: FakeStripe, sizes: { checkouts: number; connections: number; deliveriesPerEvent: number }) {
  const { checkouts: CHECKOUTS, connections: CONNECTIONS, deliveriesPerEvent: DELIVERIES_PER_EVENT } = sizes;
  const org = await createOrganization(db);
  const course = await createCourse(db, org.id, { ...OPEN_NOW, capacity: CHECKOUTS + 10 });
  say(`webhooks: ${CHECKOUTS} registrations and card checkouts in one course…`);
  const regs = await placeMany(db, appUrl, org.id, course.id, CHECKOUTS);
  const sessionIds: string[] = [];
  await forEachLimited(regs, 4, async (reg) => {
    const created = await createCheckout(
      db,
      { organizationId: org.id, userId: reg.userId, payer: { name: reg.name, email: reg.email }, lines: [{ kind: 'registration', registrationId: reg.id }], method: 'card' },
      { userId: reg.userId, requestId: null },
      { publicUrl: appUrl, payments: stripeSettings(fake) },
    );
    sessionIds.push(created.checkout.providerSessionId!);
  });
  const events = sessionIds.map((id) => fake.completeSession(id));
  const deliveries: FakeEvent[] = shuffle(events.flatMap((e) => Array.from({ length: DELIVERIES_PER_EVENT }, () => e)));
  say(`webhooks: ${deliveries.length} deliveries (${DELIVERIES_PER_EVENT} of each event, shuffled), ${CONNECTIONS} concurrent connections, to ${appUrl}/webhooks/stripe …`);
  const run = await runConcurrently(deliveries.length, CONNECTIONS, async (i) => {
    // Signed when sent, as Stripe does (the signature carries a timestamp).
    const { body, header } = fake.signedEvent(deliveries[i]!);
    const response = await fetch(`${appUrl}/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': header }, body });
    const answer = (await response.json().catch(() => ({}))) as { outcome?: string };
    return { status: response.status, outcome: answer.outcome ?? '' };
  });
  const statuses = run.results.map((r) => r.value?.status ?? 0);
  const outcomes = new Map<string, number>();
  for (const r of run.results) outcomes.set(r.value?.outcome || 'none', (outcomes.get(r.value?.outcome || 'none') ?? 0) + 1);
  const { rows: [c] } = await pool.query<{ payments: number; paid_minor: number; due_minor: number; paid_checkouts: number; ledger_payments: number; lines_wrong: number; receipts: number }>(
    `select (select count(*)::int from payments p join checkouts k on k.id = p.checkout_id where k.organization_id = $1) as payments,
            (select coalesce(sum(p.amount_minor), 0)::int from payments p join checkouts k on k.id = p.checkout_id where k.organization_id = $1) as paid_minor,
            (select coalesce(sum(total_minor), 0)::int from checkouts where organization_id = $1) as due_minor,
            (select count(*)::int from checkouts where organization_id = $1 and status = 'paid') as paid_checkouts,
            (select count(*)::int from ledger_entries where organization_id = $1 and kind = 'payment') as ledger_payments,
            (select count(*)::int from (select l.id from checkout_lines l join checkouts k on k.id = l.checkout_id
                                         left join ledger_entries e on e.registration_id = l.registration_id and e.kind = 'payment'
                                        where k.organization_id = $1 group by l.id having count(e.id) <> 1) x) as lines_wrong,
            (select count(*)::int from outbox_messages where organization_id = $1 and kind = 'payments.receipt') as receipts`,
    [org.id],
  );
  const latencies = run.results.map((r) => r.ms);
  return {
    deliveries: deliveries.length,
    seconds: run.seconds,
    perS: deliveries.length / run.seconds,
    p50: ms(latencies, 50),
    p99: ms(latencies, 99),
    serverErrors: statuses.filter((s) => s >= 500).length,
    failed: statuses.filter((s) => s === 0).length,
    applied: outcomes.get('applied') ?? 0,
    duplicates: (outcomes.get('duplicate') ?? 0) + (outcomes.get('duplicate-payment') ?? 0),
    outcomes: Object.fromEntries(outcomes),
    ...c!,
  };
}
