// A staff API token is a random secret shown once; only its SHA-256 hash is stored, so a leaked
// table reveals no usable token. The prefix lets secret scanners and people recognise one.
import crypto from 'node:crypto';

const PREFIX = 'bh_';

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newToken(): string {
  return `${PREFIX}${crypto.randomBytes(32).toString('base64url')}`;
}
