// Signed unsubscribe tokens (ADR 0069): anyone holding the link may stop non-essential mail
// from one organization to one address, without signing in, and nothing else. The token names
// both, and an HMAC-SHA256 under a key derived from the deployment's secret proves we issued it.
//
//   <payload>.<signature>      payload = base64url("v1\n<organization id>\n<address>")
import crypto from 'node:crypto';

const VERSION = 'v1';

/** A key used only for unsubscribe links, derived from the deployment's root secret. */
export function unsubscribeSigningKey(rootKey: Buffer): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', rootKey, Buffer.alloc(0), 'balinthub/email-unsubscribe/v1', 32));
}

function sign(key: Buffer, payload: string): string {
  return crypto.createHmac('sha256', key).update(payload).digest('base64url');
}

export function signUnsubscribeToken(key: Buffer, organizationId: string, address: string): string {
  const payload = Buffer.from(`${VERSION}\n${organizationId}\n${address.trim().toLowerCase()}`, 'utf8').toString('base64url');
  return `${payload}.${sign(key, payload)}`;
}

/** The organization and address a token names, or null when it is malformed or was altered. */
export function verifyUnsubscribeToken(key: Buffer, token: string): { organizationId: string; address: string } | null {
  if (token.length > 2000) return null;
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length > 0) return null;
  const expected = Buffer.from(sign(key, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  const [version, organizationId, address, ...more] = Buffer.from(payload, 'base64url').toString('utf8').split('\n');
  if (version !== VERSION || !organizationId || !address || more.length > 0) return null;
  return { organizationId, address };
}
