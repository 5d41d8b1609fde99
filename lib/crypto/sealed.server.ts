// Sealing: AES-256-GCM for small pieces of sensitive text stored in the database (financial-aid
// applications and the committee's comments). See ADR 0043.
//
//   v1.<iv>.<tag>.<ciphertext>        each part base64url; iv 12 random bytes, tag 16 bytes
//
// The associated data binds a sealed value to its row (e.g. `aid_application:<id>`): the same
// ciphertext copied into another row does not open. Opening accepts several keys (the current
// one first, then retired ones), so a key can be rotated by re-sealing rows at leisure.
import crypto from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export class SealError extends Error {
  constructor(reason: string) {
    // Never the content, never the key: only why opening failed.
    super(`sealed value could not be opened: ${reason}`);
    this.name = 'SealError';
  }
}

function checkKey(key: Buffer): void {
  if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) throw new SealError(`the key must be ${KEY_BYTES} bytes`);
}

/** Encrypts `plaintext` for the row named by `associatedData`. Every call gives a different result. */
export function seal(plaintext: string, key: Buffer, associatedData: string): string {
  checkKey(key);
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join('.');
}

/**
 * Decrypts a sealed value. Throws SealError when the format is unknown, the value was changed,
 * the key is wrong or the associated data names another row. `keys`: the current key, or the
 * current key followed by retired ones.
 */
export function open(sealed: string, keys: Buffer | readonly Buffer[], associatedData: string): string {
  const parts = sealed.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) throw new SealError('unknown format');
  const [, ivText, tagText, bodyText] = parts as [string, string, string, string];
  const iv = Buffer.from(ivText, 'base64url');
  const tag = Buffer.from(tagText, 'base64url');
  const body = Buffer.from(bodyText, 'base64url');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SealError('unknown format');
  const candidates = Buffer.isBuffer(keys) ? [keys] : keys;
  for (const key of candidates) {
    checkKey(key);
    try {
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    } catch {
      // Wrong key or tampered value: try the next key, if any.
    }
  }
  throw new SealError('authentication failed');
}

/**
 * True when `sealed` does not open with the current key — sealed under a retired key (or
 * damaged): during a rotation, open it with [current, …retired] and seal it again.
 */
export function needsResealing(sealed: string, currentKey: Buffer, associatedData: string): boolean {
  try {
    open(sealed, currentKey, associatedData);
    return false;
  } catch {
    return true;
  }
}
