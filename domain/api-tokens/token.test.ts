import { describe, expect, test } from 'vitest';
import { hashToken, newToken } from './token.server.ts';

describe('API token secrets', () => {
  test('a new token is bh_ and 32 random bytes (43 base64url characters), never the same twice', () => {
    const tokens = Array.from({ length: 50 }, newToken);
    for (const token of tokens) expect(token).toMatch(/^bh_[A-Za-z0-9_-]{43}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  test('the stored hash is the SHA-256 hex of the token: stable, and different for another token', () => {
    // The published SHA-256 test vector for "abc" (FIPS 180-2).
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const token = newToken();
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).not.toBe(hashToken(newToken()));
    expect(hashToken(token)).not.toContain(token.slice(3));
  });
});
