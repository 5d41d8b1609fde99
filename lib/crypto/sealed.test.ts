import crypto from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { needsResealing, open, seal, SealError } from './sealed.server.ts';

const key = crypto.randomBytes(32);
const otherKey = crypto.randomBytes(32);
const AD = 'aid_application:0b7c6a1e-1111-4c4c-8888-222233334444';
const TEXT = 'Tuition would be a hardship: I support my family on a resident’s salary. 家族 🙂';

/** Flips one bit of one base64url part of a sealed value. */
function tamper(sealed: string, part: 1 | 2 | 3): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[part]!, 'base64url');
  bytes[0] = bytes[0]! ^ 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('sealing', () => {
  test('round trip, with the version prefix and no plaintext in the sealed value', () => {
    const sealed = seal(TEXT, key, AD);
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('hardship');
    expect(open(sealed, key, AD)).toBe(TEXT);
    expect(open(seal('', key, AD), key, AD)).toBe('');
  });

  test('two seals of the same text differ (a fresh IV each time)', () => {
    const a = seal(TEXT, key, AD);
    const b = seal(TEXT, key, AD);
    expect(a).not.toBe(b);
    expect(a.split('.')[1]).not.toBe(b.split('.')[1]);
    expect(open(a, key, AD)).toBe(open(b, key, AD));
  });

  test.each([
    ['the IV', 1],
    ['the tag', 2],
    ['the ciphertext', 3],
  ] as const)('a change to %s is refused', (_name, part) => {
    expect(() => open(tamper(seal(TEXT, key, AD), part), key, AD)).toThrow(SealError);
  });

  test('a wrong key is refused', () => {
    expect(() => open(seal(TEXT, key, AD), otherKey, AD)).toThrow(SealError);
  });

  test('a value copied to another row (other associated data) is refused', () => {
    const sealed = seal(TEXT, key, AD);
    expect(() => open(sealed, key, 'aid_application:5a5a5a5a-0000-4000-8000-000000000000')).toThrow(SealError);
    expect(() => open(sealed, key, 'aid_review:0b7c6a1e-1111-4c4c-8888-222233334444')).toThrow(SealError);
  });

  test('unknown formats and bad keys are refused without echoing the input', () => {
    for (const bad of ['', 'plain text', 'v2.a.b.c', 'v1.a.b', seal(TEXT, key, AD).replace(/^v1/, 'v0')]) {
      expect(() => open(bad, key, AD)).toThrow(SealError);
    }
    expect(() => seal(TEXT, Buffer.alloc(16), AD)).toThrow(SealError);
    try {
      open(tamper(seal(TEXT, key, AD), 3), key, AD);
    } catch (error) {
      expect(String(error)).not.toContain('hardship');
      expect(String(error)).not.toContain(key.toString('base64'));
    }
  });

  test('rotation: a value sealed with a retired key opens with [current, retired] and is flagged for re-sealing', () => {
    const old = seal(TEXT, otherKey, AD);
    expect(open(old, [key, otherKey], AD)).toBe(TEXT);
    expect(needsResealing(old, key, AD)).toBe(true);
    expect(needsResealing(seal(TEXT, key, AD), key, AD)).toBe(false);
  });
});
