// Request plumbing shared by the sweep's setup and checks.
import type { APIResponse } from '@playwright/test';

/**
 * Sends a request again when the connection was closed under it: the server closes idle
 * keep-alive sockets after 5 s, and a request can race that close (ECONNRESET before any answer,
 * so nothing ran). Every request the sweep sends is safe to repeat.
 */
export async function send(request: () => Promise<APIResponse>, attempts = 3): Promise<APIResponse> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      if (attempt >= attempts || !/ECONNRESET|socket hang up|EPIPE/.test(String(error))) throw error;
    }
  }
}

/** Runs the tasks `concurrency` at a time (a loaded 2-core machine: keep it small). */
export async function pool<T>(tasks: (() => Promise<T>)[], concurrency: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]!();
      }
    }),
  );
  return results;
}
