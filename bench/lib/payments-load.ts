// Helpers of the payments benchmark: a pool of concurrent workers that times each operation,
// an HTTP sign-in that returns the session cookie, and a sampler of the machine's load average
// (the figures mean little without it on a shared machine).
import os from 'node:os';

export interface Timed<T> {
  index: number;
  ms: number;
  value: T | undefined;
  /** The operation threw (a connection error, not an HTTP status). */
  error?: string;
}

/** Runs `run(i)` for i in [0, count) over `concurrency` workers; returns the timings and the wall time. */
export async function runConcurrently<T>(count: number, concurrency: number, run: (index: number) => Promise<T>): Promise<{ seconds: number; results: Timed<T>[] }> {
  const results: Timed<T>[] = new Array(count);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const index = next++;
      if (index >= count) return;
      const started = performance.now();
      try {
        const value = await run(index);
        results[index] = { index, ms: performance.now() - started, value };
      } catch (error) {
        results[index] = { index, ms: performance.now() - started, value: undefined, error: String((error as Error).cause ?? error) };
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
  return { seconds: (performance.now() - started) / 1000, results };
}

/** Times `reads` sequential calls (one reader: latency, not throughput). */
export async function timeSequential(reads: number, run: () => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < reads; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times;
}

/** Signs in through the sign-in form as a browser without JavaScript would; returns the Cookie header. */
export async function signIn(baseUrl: string, orgSlug: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/o/${orgSlug}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl },
    body: new URLSearchParams({ email, password, next: `/o/${orgSlug}/admin` }),
  });
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]!);
  if (response.status !== 302 || cookies.length === 0) throw new Error(`sign-in as ${email} failed: HTTP ${response.status}`);
  return cookies.join('; ');
}

/** Samples the 1-minute load average every few seconds; `range()` is "min–max" over the run. */
export function loadSampler(everyMs = 2000) {
  const samples = [os.loadavg()[0]!];
  const timer = setInterval(() => samples.push(os.loadavg()[0]!), everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      samples.push(os.loadavg()[0]!);
    },
    min: () => Math.min(...samples),
    max: () => Math.max(...samples),
    range: () => `${Math.min(...samples).toFixed(1)}–${Math.max(...samples).toFixed(1)}`,
  };
}

/** Fisher–Yates, in place. */
export function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Runs `work(item)` over `items` with at most `concurrency` at once (setup, not measured). */
export async function forEachLimited<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, async () => {
      for (;;) {
        const i = next++;
        if (i >= items.length) return;
        await work(items[i]!, i);
      }
    }),
  );
}
