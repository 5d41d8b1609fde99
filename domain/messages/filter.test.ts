import { describe, expect, test } from 'vitest';
import { filterParams, parseRecipientFilter } from './filter.ts';
import { recipientStatus } from './status.ts';
import { renderCourseMessage } from './render.ts';

describe('recipient filter from a query string', () => {
  test('known values kept in a stable order, unknown ones dropped, defaults for the rest', () => {
    const params = new URLSearchParams('status=waitlisted&status=accepted&status=nonsense&status=accepted&category=member&category=other&payment=free&missing=evaluation');
    expect(parseRecipientFilter(params, ['member', 'non_member'])).toEqual({ statuses: ['accepted', 'waitlisted'], categoryKeys: ['member'], payment: 'any', missing: 'evaluation' });
    expect(parseRecipientFilter(new URLSearchParams(''), [])).toEqual({ statuses: [], categoryKeys: [], payment: 'any', missing: 'any' });
  });

  test('round trip through the hidden fields', () => {
    const filter = { statuses: ['accepted' as const], categoryKeys: ['member'], payment: 'balance_due' as const, missing: 'any' as const };
    expect(parseRecipientFilter(new URLSearchParams(filterParams(filter)), ['member'])).toEqual(filter);
  });
});

describe('a recipient’s status from its outbox row', () => {
  test.each([
    [false, null, 'waiting'],
    [true, 'pending', 'queued'],
    [true, 'held', 'queued'],
    [true, 'sent', 'sent'],
    [true, 'failed', 'failed'],
    [true, 'bounced', 'bounced'],
  ] as const)('handed over %s, outbox %s: %s', (queued, outbox, expected) => {
    expect(recipientStatus(queued, outbox)).toBe(expected);
  });
});

describe('rendering', () => {
  test('placeholders filled before HTML escaping; paragraphs; amount due never negative', () => {
    const email = renderCourseMessage(
      { subject: 'For {{first_name}}', body: 'Dear {{name}},\n\nYou owe {{amount_due}}.\nSee {{course_link}}' },
      { publicUrl: 'https://hub.example', org: { slug: 'abs', name: 'ABS' }, course: { slug: 'li', title: 'LI', startsOn: '2025-04-23', endsOn: '2025-04-26' }, recipient: { name: 'Ana <b>López</b>', balanceMinor: -5000, currency: 'USD' } },
    );
    expect(email.subject).toBe('For Ana');
    expect(email.text).toBe('Dear Ana <b>López</b>,\n\nYou owe $0.\nSee https://hub.example/o/abs/courses/li\n\nABS\n');
    expect(email.html).toContain('<p>Dear Ana &lt;b&gt;López&lt;/b&gt;,</p><p>You owe $0.<br>See https://hub.example/o/abs/courses/li</p><p>ABS</p>');
  });
});
