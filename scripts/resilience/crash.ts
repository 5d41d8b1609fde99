// Figure 1, crash safety: rounds of SIGKILL of the app at a random moment during a burst of
// applications and Stripe webhook deliveries, on an embedded PostgreSQL the runner keeps
// running. After each restart: every write the client saw acknowledged (2xx) is there, the
// ledger reconciles, nothing is half-written, no place is oversold; and Stripe's retries of the
// deliveries the crash cut off are applied once each.
import crypto from 'node:crypto';
import { reconcile } from '../../domain/billing/reconcile.server.ts';
import { checkRegistrations, type Attempt } from '../../bench/lib/registration-load.ts';
import { startFakeStripe } from '../../tests/helpers/fake-stripe.ts';
import { createCourse, createOrganization, SEED_PRICES } from '../../tests/helpers/fixtures.ts';
import { freePort } from '../../tests/helpers/app-process.ts';
import { halfWritten, percentile, sleep, startApp, startDatabase, type ModuleOptions, type ModuleResult, type RunningApp } from './lib.ts';
import { apply, deliver, OPEN_NOW, paidCheckouts, pool, type Answer, type ApplicationAnswer } from './traffic.ts';

const CAPACITY = 12;
const EARLY = 4;

export async function run(opts: ModuleOptions): Promise<ModuleResult> {
  const rounds = opts.sizes?.rounds ?? (opts.quick ? 3 : 20);
  // The burst runs until the kill (at most this many applications); the deliveries cycle.
  const applicants = 2000;
  const payers = opts.quick ? 12 : 20;
  const { log } = opts;
  const database = await startDatabase();
  const fake = await startFakeStripe();
  const port = await freePort();
  const env = { DATABASE_URL: database.url, STRIPE_SECRET_KEY: fake.secretKey, STRIPE_WEBHOOK_SECRET: fake.webhookSecret, STRIPE_API_URL: fake.url };
  let app: RunningApp | undefined;
  const violations: string[] = [];
  const restarts: number[] = [];
  const killedAfter: number[] = [];
  let ackApplications = 0;
  let ackDeliveries = 0;
  let cutOff = 0;
  let applied = 0;
  let checked = 0;
  try {
    app = await startApp(env, port);
    const org = await createOrganization(database.db);
    for (let round = 1; round <= rounds; round++) {
      const course = await createCourse(database.db, org.id, { ...OPEN_NOW, capacity: CAPACITY, earlyPlaceLimit: EARLY });
      const paying = await paidCheckouts(database.db, app.url, fake, org.id, payers);
      // Each event twice, shuffled (Stripe delivers at least once).
      const deliveries = [...paying.events, ...paying.events].sort(() => Math.random() - 0.5);
      const run = crypto.randomBytes(3).toString('hex');
      // The kill lands at a random moment once both streams are flowing (each has had an answer):
      // on a loaded machine a just-started app can take seconds to answer its first requests.
      const killAt = Math.random() * 1500;
      let killed = false;
      const url = app.url;
      const started = performance.now();
      let flowing = 0;
      let markFlowing!: () => void;
      const bothFlowing = new Promise<void>((resolve) => (markFlowing = resolve));
      const first = <T,>(answer: T) => {
        if (++flowing === 2) markFlowing();
        return answer;
      };
      let appsAnswered = false;
      let hooksAnswered = false;
      const kill = bothFlowing
        .then(() => sleep(killAt))
        .then(() => {
          killed = true;
          app!.child.kill('SIGKILL');
          killedAfter.push(Math.round(performance.now() - started));
        });
      const [applications, webhooks] = await Promise.all([
        pool<ApplicationAnswer>(applicants, 8, async (i) => {
          const a = await apply(url, org.slug, course.slug, `crash-${run}-${i}@example.org`);
          return appsAnswered ? a : ((appsAnswered = true), first(a));
        }, () => killed),
        pool<Answer>(100_000, 4, async (i) => {
          const d = await deliver(url, fake, deliveries[i % deliveries.length]!);
          return hooksAnswered ? d : ((hooksAnswered = true), first(d));
        }, () => killed),
        kill,
      ]);
      await app.exited;
      const t0 = performance.now();
      app = await startApp(env, port);
      restarts.push((performance.now() - t0) / 1000);

      // Every acknowledged application is there; no place oversold; no one twice.
      const attempts: Attempt[] = applications
        .filter(Boolean)
        .map((a, index) => ({ index, email: a.email, key: a.key, status: a.status, id: a.id, code: undefined, ms: a.ms }));
      const tally = await checkRegistrations(database.pool, course.id, { capacity: CAPACITY, earlyLimit: EARLY, earlyPrice: SEED_PRICES[0]!.early }, attempts);
      ackApplications += attempts.filter((a) => a.status >= 200 && a.status < 300).length;
      for (const v of tally.violations) violations.push(`round ${round}: ${v}`);

      // Every acknowledged delivery's checkout is paid.
      const answered = webhooks.filter(Boolean);
      const ackSessions = new Set<string>();
      answered.forEach((a, i) => {
        if (a.status >= 200 && a.status < 300) ackSessions.add((deliveries[i % deliveries.length]!.data.object as { id: string }).id);
      });
      ackDeliveries += answered.filter((a) => a.status >= 200 && a.status < 300).length;
      cutOff += answered.filter((a) => a.status === 0).length;
      const { rows: paid } = await database.pool.query<{ s: string }>(`select provider_session_id as s from checkouts where provider_session_id = any($1) and status = 'paid'`, [[...ackSessions]]);
      if (paid.length !== ackSessions.size) violations.push(`round ${round}: ${ackSessions.size - paid.length} acknowledged webhook deliveries whose checkout is not paid`);

      // Stripe retries what was not acknowledged: every event once more, each applied exactly once.
      const retries = await pool(paying.events.length, 4, (i) => deliver(app!.url, fake, paying.events[i]!));
      const failedRetries = retries.filter((r) => r.status < 200 || r.status >= 300).length;
      if (failedRetries) violations.push(`round ${round}: ${failedRetries} redeliveries after the restart not acknowledged`);
      const { rows: [money] } = await database.pool.query<{ paid: number; payments: number }>(
        `select (select count(*)::int from checkouts where provider_session_id = any($1) and status = 'paid') as paid,
                (select count(*)::int from payments p join checkouts k on k.id = p.checkout_id where k.provider_session_id = any($1)) as payments`,
        [paying.sessions],
      );
      if (money!.paid !== payers || money!.payments !== payers) violations.push(`round ${round}: after redelivery ${money!.paid} paid checkouts and ${money!.payments} payments, expected ${payers} each`);
      applied += money!.payments;

      for (const v of await halfWritten(database.pool, org.id, [course.id])) violations.push(`round ${round}: ${v}`);
      for (const v of await reconcile(database.db, org.id)) violations.push(`round ${round}: reconcile ${v.check} (${v.name}: expected ${v.expectedMinor}, found ${v.actualMinor})`);
      checked++;
      log(`  round ${round}/${rounds}: killed after ${killedAfter.at(-1)} ms; ${attempts.filter((a) => a.status >= 200 && a.status < 300).length} applications and ${answered.filter((a) => a.status >= 200 && a.status < 300).length} deliveries acknowledged; restarted in ${restarts.at(-1)!.toFixed(1)} s; ${violations.length} violations so far`);
    }
  } catch (error) {
    violations.push(`stopped: ${(error as Error).message.slice(0, 500)}`);
  } finally {
    await app?.stop();
    await fake.close();
    await database.stop();
  }
  return {
    name: 'crash safety (SIGKILL during writes)',
    ok: violations.length === 0 && checked === rounds,
    figures: {
      rounds: `${checked}/${rounds}`,
      'killed after (ms, min–max)': killedAfter.length ? `${Math.min(...killedAfter)}–${Math.max(...killedAfter)}` : '-',
      'acknowledged applications (all there)': ackApplications,
      'acknowledged webhook deliveries': ackDeliveries,
      'deliveries cut off by the kill (all redelivered)': cutOff,
      'payments applied (exactly once each)': applied,
      'restart p50 / max (s)': restarts.length ? `${percentile(restarts, 50).toFixed(1)} / ${Math.max(...restarts).toFixed(1)}` : '-',
      'lost, half-written, oversold, unreconciled': violations.length,
    },
    details: violations.length ? violations.slice(0, 20).join('\n') : undefined,
  };
}
