// Certificate verification codes (issue 13): unguessable (80 random bits) yet short enough to
// type from paper. 16 characters of Crockford's base32 (no I, L, O or U: nothing to misread)
// carry the 80 bits, and a 17th is a check character, shown in groups of four:
// `7K3M-QX9D-2HBT-W4RN-C`. Reading is forgiving: case, spaces and hyphens are ignored, and
// I/L are read as 1 and O as 0, as Crockford specifies.
//
// The check character is Σ (i+1)·vᵢ mod 31: since 31 is prime and every weight and every
// difference of two digits is below it, a single mistyped character or two adjacent ones
// swapped is always caught (except the pair 0↔Z, whose difference is 31).
import crypto from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BODY_LENGTH = 16;

function checkCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (i + 1) * ALPHABET.indexOf(body[i]!);
  return ALPHABET[sum % 31]!;
}

function group(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}

/** A new random code, grouped for print. */
export function newVerificationCode(random: (size: number) => Buffer = crypto.randomBytes): string {
  const bytes = random(10); // 80 bits → 16 base32 digits
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let body = '';
  for (let i = BODY_LENGTH - 1; i >= 0; i--) body += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return group(body + checkCharacter(body));
}

/**
 * The canonical (grouped, upper-case) form of what a person typed, or null when it is not a
 * well-formed code or its check character does not match (a typo: say so before any lookup).
 */
export function readVerificationCode(typed: string): string | null {
  const cleaned = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  if (cleaned.length !== BODY_LENGTH + 1) return null;
  for (const ch of cleaned) if (!ALPHABET.includes(ch)) return null;
  const body = cleaned.slice(0, BODY_LENGTH);
  if (checkCharacter(body) !== cleaned[BODY_LENGTH]) return null;
  return group(cleaned);
}

/** The public verification page of a code (printed on the certificate and in its QR code). */
export function verificationUrl(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/$/, '')}/verify/${code}`;
}
