import crypto from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { checkFormToken, DEFAULT_INQUIRY_MIN_FILL_SECONDS, formTokenKey, inquiryMinFillSeconds, issueFormToken } from './fill-time.server.ts';
import { HONEYPOT_FIELD } from './inquiry-form.ts';
import { spamRefusal } from './spam-guard.ts';

const key = formTokenKey(crypto.randomBytes(32));
const ORG = '7d3f0a4e-0000-4000-8000-000000000001';
const shown = new Date('2027-03-01T10:00:00Z');
const after = (ms: number) => new Date(shown.getTime() + ms);

describe('the minimum fill time', () => {
  const token = issueFormToken(key, ORG, shown);

  test.each([
    [0, false],
    [2_999, false],
    [3_000, true],
    [60_000, true],
  ])('sent %i ms after the form was shown, with a 3 s minimum: accepted %s', (ms, ok) => {
    const check = checkFormToken(key, ORG, token, 3, after(ms));
    expect(check.ok).toBe(ok);
    if (!check.ok) expect(check.problem).toBe('too_fast');
  });

  test('a minimum of 0 accepts at once', () => {
    expect(checkFormToken(key, ORG, token, 0, shown).ok).toBe(true);
  });

  test('an earlier moment cannot be forged: a changed time, another key or another organization fails the signature', () => {
    const [, signature] = token.split('.');
    const backdated = `${shown.getTime() - 60_000}.${signature}`;
    expect(checkFormToken(key, ORG, backdated, 3, after(1_000))).toEqual({ ok: false, problem: 'forged' });
    expect(checkFormToken(formTokenKey(crypto.randomBytes(32)), ORG, token, 3, after(10_000))).toEqual({ ok: false, problem: 'forged' });
    expect(checkFormToken(key, '7d3f0a4e-0000-4000-8000-000000000002', token, 3, after(10_000))).toEqual({ ok: false, problem: 'forged' });
  });

  test.each([undefined, '', 'garbage', '123.abc', `${'9'.repeat(16)}.x`])('a missing or malformed token %j is refused, never thrown', (bad) => {
    const check = checkFormToken(key, ORG, bad, 3, after(10_000));
    expect(check.ok).toBe(false);
  });

  test('a form open for more than a day is sent again', () => {
    const check = checkFormToken(key, ORG, token, 3, after(25 * 3_600_000));
    expect(check).toMatchObject({ ok: false, problem: 'expired' });
  });

  test('the minimum comes from INQUIRY_MIN_FILL_SECONDS, 3 by default', () => {
    expect(DEFAULT_INQUIRY_MIN_FILL_SECONDS).toBe(3);
    expect(inquiryMinFillSeconds({})).toBe(3);
    expect(inquiryMinFillSeconds({ INQUIRY_MIN_FILL_SECONDS: '0' })).toBe(0);
    expect(inquiryMinFillSeconds({ INQUIRY_MIN_FILL_SECONDS: '10' })).toBe(10);
  });
});

describe('the spam guard', () => {
  const good = { ok: true as const, shownAt: shown };
  test('the honeypot filled is refused before anything else, even with a good token', () => {
    expect(HONEYPOT_FIELD).toBe('website');
    expect(spamRefusal('http://spam.example', good)).toBe('INQUIRY_HONEYPOT');
    expect(spamRefusal('  ', good)).toBeNull();
    expect(spamRefusal(undefined, good)).toBeNull();
  });
  test('too fast, and a token that is not ours', () => {
    expect(spamRefusal('', { ok: false, problem: 'too_fast', shownAt: shown })).toBe('INQUIRY_TOO_FAST');
    expect(spamRefusal('', { ok: false, problem: 'forged' })).toBe('INQUIRY_FORM_EXPIRED');
    expect(spamRefusal('', { ok: false, problem: 'missing' })).toBe('INQUIRY_FORM_EXPIRED');
  });
});
