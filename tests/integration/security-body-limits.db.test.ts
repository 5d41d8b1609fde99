// The HTTP host's request body limits (issue 9 item 6): an anonymous 300 MB POST is refused at
// once without the process growing; forms, the API and the webhook each have their own limit.
import fs from 'node:fs';
import http from 'node:http';
import { describe, expect, test } from 'vitest';
import { useHostApp } from '../helpers/host-app.ts';

const host = useHostApp();
const { postForm } = host;

/** The child's peak and current resident memory in bytes (Linux). */
function memoryOf(pid: number): { peak: number; now: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
  return { peak: kb('VmHWM'), now: kb('VmRSS') };
}

/**
 * Streams `total` bytes (one reused 1 MiB buffer, never `total` in memory) as a form POST and
 * stops sending as soon as the server answers.
 */
function streamPost(path: string, total: number, declareLength: boolean): Promise<{ status: number; ms: number; sent: number }> {
  const url = new URL(path, host.app.url);
  const chunk = Buffer.alloc(1024 * 1024, 'a');
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const request = http.request(
      {
        method: 'POST',
        hostname: url.hostname,
        port: url.port,
        path: url.pathname,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: host.app.url,
          ...(declareLength ? { 'content-length': String(total) } : { 'transfer-encoding': 'chunked' }),
        },
      },
      (response) => {
        answered = true;
        const ms = performance.now() - started;
        response.resume();
        request.destroy();
        resolve({ status: response.statusCode ?? 0, ms, sent });
      },
    );
    request.on('error', (error) => {
      if (!answered) setTimeout(() => (answered ? undefined : reject(error)), 2000);
    });
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once('drain', pump);
      }
      if (!answered) request.end();
    };
    pump();
  });
}

describe('request body limits', () => {
  const TOTAL = 300 * 1024 * 1024;

  test('an anonymous 300 MB POST to the sign-in form is refused with 413 at once, declared or chunked, and the process does not grow', async () => {
    const pid = host.app.child.pid!;
    const before = memoryOf(pid);
    const declared = await streamPost('/o/abs/sign-in', TOTAL, true);
    expect(declared.status).toBe(413);
    expect(declared.ms).toBeLessThan(5_000);
    expect(declared.sent).toBeLessThan(64 * 1024 * 1024);

    const chunked = await streamPost('/o/abs/sign-in', TOTAL, false);
    expect(chunked.status).toBe(413);
    expect(chunked.ms).toBeLessThan(10_000);
    expect(chunked.sent).toBeLessThan(64 * 1024 * 1024);

    const after = memoryOf(pid);
    expect(after.peak - before.peak).toBeLessThan(100 * 1024 * 1024);
    // The app still answers.
    expect((await fetch(`${host.app.url}/healthz`)).status).toBe(200);
  }, 60_000);

  test('per route kind: a form body under 1 MB is read; the API and the webhook have their own limits', async () => {
    const justUnder = await postForm('/o/abs/sign-in', { email: 'x@example.org', password: 'p'.repeat(900 * 1024) });
    expect(justUnder.status).not.toBe(413);
    await justUnder.arrayBuffer();
    const overForm = await postForm('/o/abs/sign-in', { email: 'x@example.org', password: 'p'.repeat(1100 * 1024) });
    expect(overForm.status).toBe(413);
    await overForm.arrayBuffer();
    const api = await fetch(`${host.app.url}/api/v1/organizations/abs/courses/x/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'key-12345678' },
      body: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(api.status).toBe(413);
    await api.arrayBuffer();
    // The client's connections stay usable after a refusal.
    for (let i = 0; i < 3; i++) expect((await fetch(`${host.app.url}/healthz`)).status).toBe(200);
  });

  test('the two image-upload pages of the site take up to 6 MB (5 MB images); every other page keeps its 1 MB', async () => {
    const upload = (path: string, megabytes: number) => {
      const body = new FormData();
      body.append('alt', 'A picture');
      body.append('image', new Blob([new Uint8Array(megabytes * 1024 * 1024)], { type: 'image/png' }), 'picture.png');
      return fetch(`${host.app.url}${path}`, { method: 'POST', body, headers: { origin: host.app.url }, redirect: 'manual' });
    };
    for (const path of ['/o/abs/admin/site/images', '/o/abs/admin/site/settings', '/o/abs/admin/site/images.data']) {
      const fiveMegabytes = await upload(path, 5);
      // Read in full and passed to the page, whose guard sends an anonymous visitor to sign in.
      expect(fiveMegabytes.status, path).not.toBe(413);
      await fiveMegabytes.arrayBuffer();
      const seven = await upload(path, 7);
      expect(seven.status, path).toBe(413);
      await seven.arrayBuffer();
    }
    for (const path of ['/o/abs/admin/site/pages/new', '/o/abs/admin/site/images/x', '/o/abs/admin/site']) {
      const two = await upload(path, 2);
      expect(two.status, path).toBe(413);
      await two.arrayBuffer();
    }
  });
});
