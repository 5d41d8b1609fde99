import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { newVerificationCode, readVerificationCode } from './verification-code.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('verification codes', () => {
  test('a new code is 17 characters in groups of four, and reads back as itself', () => {
    const code = newVerificationCode();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]$/);
    expect(readVerificationCode(code)).toBe(code);
  });

  test('80 random bits: 10 bytes of randomness make the 16 body characters', () => {
    const zeros = newVerificationCode((n) => Buffer.alloc(n, 0));
    const ones = newVerificationCode((n) => Buffer.alloc(n, 0xff));
    expect(zeros.replace(/-/g, '').slice(0, 16)).toBe('0'.repeat(16));
    expect(ones.replace(/-/g, '').slice(0, 16)).toBe('Z'.repeat(16));
  });

  test('typed from paper: lower case, spaces, no hyphens, I/L for 1 and O for 0', () => {
    const code = newVerificationCode((n) => Buffer.from(Array.from({ length: n }, (_, i) => i * 37 + 1)));
    const typed = code.toLowerCase().replace(/-/g, ' ').replace(/1/g, 'l').replace(/0/g, 'o');
    expect(readVerificationCode(typed)).toBe(code);
  });

  test.each(['', 'ABCD', 'ABCD-EFGH-JKMN-PQRS-TU', 'ABCD-EFGH-JKMN-PQRS-!'])('not a code: %j', (typed) => {
    expect(readVerificationCode(typed)).toBeNull();
  });

  test('any single mistyped character is caught (except 0↔Z)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 10, maxLength: 10 }), fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 31 }), (bytes, position, shift) => {
        const code = newVerificationCode(() => Buffer.from(bytes)).replace(/-/g, '');
        const original = ALPHABET.indexOf(code[position]!);
        const replaced = (original + shift) % 32;
        if (Math.abs(replaced - original) === 31) return;
        const typo = code.slice(0, position) + ALPHABET[replaced] + code.slice(position + 1);
        expect(readVerificationCode(typo)).toBeNull();
      }),
    );
  });

  test('two adjacent characters swapped are caught', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 10, maxLength: 10 }), fc.integer({ min: 0, max: 14 }), (bytes, position) => {
        const code = newVerificationCode(() => Buffer.from(bytes)).replace(/-/g, '');
        const a = code[position]!;
        const b = code[position + 1]!;
        if (a === b || Math.abs(ALPHABET.indexOf(a) - ALPHABET.indexOf(b)) === 31) return;
        const swapped = code.slice(0, position) + b + a + code.slice(position + 2);
        expect(readVerificationCode(swapped)).toBeNull();
      }),
    );
  });
});
