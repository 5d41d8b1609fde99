// Figure 4, soak: mixed traffic at a moderate, steady rate (open loop: requests are started on
// a schedule, not when the previous one ends) for 10 minutes (quick: 45 s) against the built
// app with the demo data: public pages, applications through the API, card payments (a
// checkout made, paid on the local fake Stripe and its signed webhook delivered), and staff
// pages as the demo administrator. The verdict: zero errors (every answer the one expected),
// p99 latency of the last minute within 20 % of the first (after a minute's warm-up), and the
// app's resident memory over the last minute within 20 % of the first (the last two are gated
// from 3 minutes up; the quick run prints them).
// Applications and payments go to an organization of their own, so the staff pages read the
// same demo rows throughout: the drift measured is the process's, not the data's growth.
import crypto from 'node:crypto';
import { systemActor } from '../../domain/audit/record-audit.server.ts';
import { placeRegistration } from '../../domain/registration/place-registration.server.ts';
import { signIn } from '../../bench/lib/payments-load.ts';
import { startFakeStripe } from '../../tests/helpers/fake-stripe.ts';
import { application, createCourse, createOrganization } from '../../tests/helpers/fixtures.ts';
import { publicPages } from '../../tests/helpers/public-pages.ts';
import { createCheckout } from '../../domain/payments/create-checkout.server.ts';
import { stripeSettings } from '../../tests/helpers/money-fixtures.ts';
import { mb, memoryAfterGc, percentile, rssOf, sleep, startApp, startDatabase, type ModuleOptions, type ModuleResult, type RunningApp } from './lib.ts';
import { apply, deliver, OPEN_NOW } from './traffic.ts';

const RATE_PER_S = 8;
const MAX_IN_FLIGHT = 40;

interface Sample {
  kind: string;
  at: number;
  ms: number;
  ok: boolean;
  status: number;
}

export async function run(opts: ModuleOptions): Promise<ModuleResult> {
  const seconds = opts.sizes?.soakSeconds ?? (opts.quick ? 30 : 600);
  // The windows compared: the first and last minute (quick: 15 s each), after a warm-up.
  // A fresh process loads route modules and compiles on first use, and its heap grows to its
  // working size: the first minute compared is the one after a minute of warm-up (quick: 5 s).
  const warmup = opts.quick ? 5 : Math.min(60, Math.floor(seconds / 5));
  // A p99 over a few seconds' requests on a shared machine measures the neighbours: under a
  // minute, drift and memory growth are printed but only errors fail the run.
  const gated = seconds >= 180;
  const window = Math.min(60, Math.floor(seconds / 3));
  const { log } = opts;
  const violations: string[] = [];
  const figures: Record<string, string | number> = {};
  const database = await startDatabase();
  const fake = await startFakeStripe();
  let app: RunningApp | undefined;
  try {
    app = await startApp({ DATABASE_URL: database.url, SEED_DEMO: '1', STRIPE_SECRET_KEY: fake.secretKey, STRIPE_WEBHOOK_SECRET: fake.webhookSecret, STRIPE_API_URL: fake.url });
    const base = app.url;
    const admin = app.demoAccounts().find((a) => a.role === 'admin' && a.organization === 'abs');
    if (!admin) throw new Error('no demo admin of abs');
    const cookie = await signIn(base, 'abs', admin.email, admin.password);
    // A certificate lookup by code is throttled per address (against guessing codes): from one
    // address at this rate it answers 429 as designed, so the soak leaves it out.
    const pages = (await publicPages(base)).map((p) => p.path).filter((p) => !p.startsWith('/verify/'));
    const staffPages = ['/o/abs/admin', '/o/abs/admin/courses', '/o/abs/admin/refunds', '/o/abs/admin/people', '/o/abs/admin/outbox'];
    const org = await createOrganization(database.db);
    const course = await createCourse(database.db, org.id, { ...OPEN_NOW, capacity: 100_000, earlyPlaceLimit: 10 });
    const run = crypto.randomBytes(3).toString('hex');
    let n = 0;

    const get = async (path: string, headers: Record<string, string> = {}) => {
      const t0 = performance.now();
      try {
        const r = await fetch(`${base}${path}`, { headers, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
        await r.arrayBuffer();
        return { status: r.status, ms: performance.now() - t0 };
      } catch {
        return { status: 0, ms: performance.now() - t0 };
      }
    };
    const operations: { kind: string; weight: number; go: () => Promise<{ status: number; ms: number; ok: boolean }> }[] = [
      { kind: 'public page', weight: 45, go: async () => { const r = await get(pages[n++ % pages.length]!); return { ...r, ok: r.status === 200 }; } },
      { kind: 'staff page', weight: 25, go: async () => { const r = await get(staffPages[n++ % staffPages.length]!, { cookie }); return { ...r, ok: r.status === 200 }; } },
      { kind: 'application', weight: 20, go: async () => { const r = await apply(base, org.slug, course.slug, `soak-${run}-${n++}@example.org`, 30_000); return { ...r, ok: r.status === 201 || r.status === 202 }; } },
      {
        kind: 'card payment',
        weight: 10,
        go: async () => {
          // Set up as the pay page would (a registration, a checkout at the fake Stripe), then paid: only the webhook is timed.
          const { registration } = await placeRegistration(database.db, application(org.id, course.id), systemActor, { publicUrl: base });
          const { checkout } = await createCheckout(
            database.db,
            { organizationId: org.id, userId: registration.userId, payer: { name: registration.name, email: registration.email }, lines: [{ kind: 'registration', registrationId: registration.id }], method: 'card' },
            { userId: registration.userId, requestId: null },
            { publicUrl: base, payments: stripeSettings(fake) },
          );
          const r = await deliver(base, fake, fake.completeSession(checkout.providerSessionId!), 30_000);
          return { ...r, ok: r.status === 200 };
        },
      },
    ];
    const totalWeight = operations.reduce((s, o) => s + o.weight, 0);
    const pick = () => {
      let x = Math.random() * totalWeight;
      for (const o of operations) if ((x -= o.weight) < 0) return o;
      return operations[0]!;
    };

    const samples: Sample[] = [];
    const memory: { at: number; rss: number }[] = [];
    const failures: string[] = [];
    let inFlight = 0;
    let skipped = 0;
    const pending = new Set<Promise<void>>();
    const start = Date.now();
    const end = start + seconds * 1000;
    let lastMemory = 0;
    let lastLog = start;
    for (let tick = 0; Date.now() < end; tick++) {
      const due = start + (tick * 1000) / RATE_PER_S;
      if (due > Date.now()) await sleep(due - Date.now());
      if (Date.now() - lastMemory >= 5000) {
        lastMemory = Date.now();
        memory.push({ at: lastMemory, rss: rssOf(app.pid) });
      }
      if (Date.now() - lastLog >= 60_000) {
        lastLog = Date.now();
        log(`  ${Math.round((lastLog - start) / 1000)} s: ${samples.length} requests, ${samples.filter((s) => !s.ok).length} errors, RSS ${mb(memory.at(-1)!.rss)}`);
      }
      if (inFlight >= MAX_IN_FLIGHT) {
        skipped++;
        continue;
      }
      const op = pick();
      inFlight++;
      const at = Date.now();
      const p = op
        .go()
        .then((r) => {
          samples.push({ kind: op.kind, at, ms: r.ms, ok: r.ok, status: r.status });
          if (!r.ok && failures.length < 10) failures.push(`${op.kind}: ${r.status}`);
        })
        .catch((error: unknown) => {
          samples.push({ kind: op.kind, at, ms: 0, ok: false, status: -1 });
          if (failures.length < 10) failures.push(`${op.kind}: ${(error as Error).message}`);
        })
        .finally(() => {
          inFlight--;
          pending.delete(p);
        });
      pending.add(p);
    }
    await Promise.all(pending);
    const after = await memoryAfterGc(app);

    const first = samples.filter((s) => s.at >= start + warmup * 1000 && s.at < start + (warmup + window) * 1000);
    const last = samples.filter((s) => s.at >= end - window * 1000);
    const p99 = (xs: Sample[]) => percentile(xs.map((s) => s.ms), 99);
    const drift = (p99(last) - p99(first)) / p99(first);
    const rssIn = (from: number, to: number) => {
      const xs = memory.filter((m) => m.at >= from && m.at < to).map((m) => m.rss);
      return xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    };
    const rssFirst = rssIn(start + warmup * 1000, start + (warmup + window) * 1000);
    const rssLast = rssIn(end - window * 1000, end + 1);
    const growth = (rssLast - rssFirst) / rssFirst;
    const errors = samples.filter((s) => !s.ok);
    if (errors.length) violations.push(`${errors.length} errors: ${failures.join('; ')}`);
    if (gated && !(drift < 0.2)) violations.push(`p99 drift ${(drift * 100).toFixed(0)} % (first ${p99(first).toFixed(0)} ms, last ${p99(last).toFixed(0)} ms)`);
    if (gated && !(growth < 0.2)) violations.push(`RSS growth ${(growth * 100).toFixed(0)} %`);
    if (skipped) violations.push(`${skipped} requests not sent: ${MAX_IN_FLIGHT} already waiting (the app fell behind the rate)`);
    const unhandled = app.errors();
    if (unhandled.length) violations.push(`${unhandled.length} error lines in the app's log: ${unhandled[0]!.slice(0, 300)}`);

    const byKind = new Map<string, number>();
    for (const s of samples) byKind.set(s.kind, (byKind.get(s.kind) ?? 0) + 1);
    figures['duration / rate'] = `${seconds} s at ${RATE_PER_S} requests/s (windows of ${window} s after ${warmup} s warm-up)`;
    figures['requests'] = `${samples.length} (${[...byKind.entries()].map(([k, v]) => `${k} ${v}`).join(', ')})`;
    figures['errors'] = errors.length;
    figures['p50 / p99 first window (ms)'] = `${percentile(first.map((s) => s.ms), 50).toFixed(0)} / ${p99(first).toFixed(0)}`;
    figures['p50 / p99 last window (ms)'] = `${percentile(last.map((s) => s.ms), 50).toFixed(0)} / ${p99(last).toFixed(0)}`;
    figures['p99 drift'] = `${(drift * 100).toFixed(1)} %${gated ? '' : ' (not gated under 3 minutes)'}`;
    figures['RSS first → last window'] = `${mb(rssFirst)} → ${mb(rssLast)} (${(growth * 100).toFixed(1)} %)`;
    figures['heap after GC at the end'] = mb(after.heapUsed);
  } catch (error) {
    violations.push(`stopped: ${(error as Error).stack?.slice(0, 800)}`);
  } finally {
    await app?.stop();
    await fake.close();
    await database.stop();
  }
  return { name: 'soak (mixed traffic)', ok: violations.length === 0, figures, details: violations.length ? violations.join('\n') : undefined };
}
