// A visitor who gives without an account has no session to show their checkout to. Their
// checkout page is reached by a link carrying a key: an HMAC of the checkout id under a key
// derived (HKDF, its own label) from the app's data key, so it cannot be forged, names one
// checkout only and needs nothing stored. It shows what staff can already see (the gift, how
// to pay it): it is not a credential for any account.
import crypto from 'node:crypto';

const LABEL = 'balint-hub guest checkout link v1';

function linkKey(secret: Buffer): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', secret, Buffer.alloc(0), LABEL, 32));
}

export function guestCheckoutKey(secret: Buffer, checkoutId: string): string {
  return crypto.createHmac('sha256', linkKey(secret)).update(checkoutId).digest('base64url');
}

export function guestKeyMatches(secret: Buffer, checkoutId: string, key: string | null | undefined): boolean {
  if (!key) return false;
  const expected = Buffer.from(guestCheckoutKey(secret, checkoutId));
  const given = Buffer.from(key);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/** The guest's checkout page: `/o/<org>/checkouts/<id>?key=…` */
export function guestCheckoutPath(orgSlug: string, checkoutId: string, secret: Buffer): string {
  return `/o/${orgSlug}/checkouts/${checkoutId}?key=${guestCheckoutKey(secret, checkoutId)}`;
}
