// The minimum fill time (ADR 0060): the form carries the moment it was shown, signed with a
// key only the server holds, so a script that posts at once — or forges an old moment — is
// refused, and a person who takes a few seconds never notices. No third-party service.
import crypto from 'node:crypto';

export const INQUIRY_MIN_FILL_ENV = 'INQUIRY_MIN_FILL_SECONDS';
/** A person needs longer than this to fill any of the forms; a script posts in milliseconds. */
export const DEFAULT_INQUIRY_MIN_FILL_SECONDS = 3;
/** A form left open longer is sent again with a fresh token (what was typed is kept). */
export const FORM_TOKEN_MAX_AGE_HOURS = 24;

/** The minimum from the environment (checked at start by server/config.server.ts); 0: no minimum. */
export function inquiryMinFillSeconds(env: Record<string, string | undefined> = process.env): number {
  const raw = env[INQUIRY_MIN_FILL_ENV]?.trim();
  if (!raw) return DEFAULT_INQUIRY_MIN_FILL_SECONDS;
  const value = Number(raw);
  return Number.isInteger(value) && value >= 0 ? value : DEFAULT_INQUIRY_MIN_FILL_SECONDS;
}

/** A key of its own, derived from the deployment's data key: a token never signs anything else. */
export function formTokenKey(secret: Buffer): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', secret, Buffer.alloc(0), 'balint-hub inquiry form token', 32));
}

function signature(key: Buffer, organizationId: string, shownAtMs: number): string {
  return crypto.createHmac('sha256', key).update(`inquiry-form:${organizationId}:${shownAtMs}`).digest('base64url');
}

/** The token a form carries: when it was shown, and the server's signature over that and the organization. */
export function issueFormToken(key: Buffer, organizationId: string, now = new Date()): string {
  const shownAtMs = now.getTime();
  return `${shownAtMs}.${signature(key, organizationId, shownAtMs)}`;
}

export type FormTokenCheck = { ok: true; shownAt: Date } | { ok: false; problem: 'missing' | 'forged' | 'expired' | 'too_fast'; shownAt?: Date };

/** Whether a submission came at least `minSeconds` after its form was shown, from a form this server signed. */
export function checkFormToken(key: Buffer, organizationId: string, token: string | undefined, minSeconds: number, now = new Date()): FormTokenCheck {
  if (!token) return { ok: false, problem: 'missing' };
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, problem: 'forged' };
  const shownAtMs = Number(match[1]);
  const expected = Buffer.from(signature(key, organizationId, shownAtMs));
  const given = Buffer.from(match[2]!);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return { ok: false, problem: 'forged' };
  const shownAt = new Date(shownAtMs);
  const elapsedMs = now.getTime() - shownAtMs;
  if (elapsedMs > FORM_TOKEN_MAX_AGE_HOURS * 3_600_000 || elapsedMs < -60_000) return { ok: false, problem: 'expired', shownAt };
  if (elapsedMs < minSeconds * 1000) return { ok: false, problem: 'too_fast', shownAt };
  return { ok: true, shownAt };
}
