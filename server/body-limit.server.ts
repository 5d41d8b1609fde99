// Request bodies have a size limit per kind of route, enforced while the body streams in: a
// declared Content-Length over the limit is refused before a byte is read, a chunked body is
// read only up to the limit. Nothing larger than the limit is ever held in memory.
export const BODY_LIMITS = {
  /** Forms and React Router data requests. */
  page: 1024 * 1024,
  /** The public site's image uploads (5 MB images, ADR 0059), with room for the form around them. */
  siteImage: 6 * 1024 * 1024,
  /** The JSON API (server/api/body.server.ts keeps JSON bodies to 64 KiB on top of this). */
  api: 1024 * 1024,
  /** better-auth's few endpoints (all GET today). */
  auth: 64 * 1024,
  /** Stripe's events are a few kilobytes. */
  webhook: 512 * 1024,
} as const;

export type BodyKind = keyof typeof BODY_LIMITS;

/** The only pages that take an image upload: the site's images and its favicon (and their data requests). */
export const SITE_IMAGE_UPLOAD_PATH = /^\/o\/[^/]+\/admin\/site\/(?:images|settings)(?:\.data)?$/;

export class BodyTooLargeError extends Error {
  readonly limit: number;
  constructor(limit: number) {
    super(`The body is larger than ${limit} bytes.`);
    this.limit = limit;
  }
}

/** Content-Length when present and well-formed; NaN when malformed; undefined when absent. */
export function declaredLength(headers: Headers): number | undefined {
  const value = headers.get('content-length');
  if (value === null) return undefined;
  return /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
}

/**
 * Reads a body stream up to `limit` bytes. Throws BodyTooLargeError as soon as the limit is
 * passed; the rest is never read: the stream is cancelled, or with `overflow: 'leave'` left
 * unlocked for the caller (see discardRest).
 */
export async function readLimited(body: ReadableStream<Uint8Array> | null, limit: number, options: { overflow?: 'cancel' | 'leave' } = {}): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        if (options.overflow !== 'leave') await reader.cancel().catch(() => undefined);
        throw new BodyTooLargeError(limit);
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** How much of a refused body is read and dropped after the answer (see discardRest). */
export const DISCARD_AFTER_REFUSAL = 4 * 1024 * 1024;

/**
 * After an early answer (413), reads and drops what the client is still sending, up to `cap`
 * bytes, in the background: a client that was a little over the limit gets a connection it can
 * reuse, not one stuck in the middle of a body. Past the cap it stops reading; the idle
 * connection is then closed by the server's keep-alive timeout. Nothing is kept in memory.
 */
export function discardRest(body: ReadableStream<Uint8Array> | null, cap = DISCARD_AFTER_REFUSAL): void {
  if (!body || body.locked) return;
  const reader = body.getReader();
  let seen = 0;
  const pump = async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      seen += value.byteLength;
      if (seen > cap) return void (await reader.cancel());
    }
  };
  void pump().catch(() => undefined);
}
