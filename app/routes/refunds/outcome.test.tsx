import { renderToStaticMarkup } from 'react-dom/server';
import { expect, test } from 'vitest';
import { acknowledgedText, OutcomeList } from './outcome.tsx';

test('the acknowledgment time names the course time zone', () => {
  const at = new Date('2026-11-24T06:25:00Z');
  expect(acknowledgedText(at, 'America/New_York')).toBe('November 24, 2026 at 1:25 AM EST');
  expect(acknowledgedText(at, 'Europe/Berlin')).toMatch(/November 24, 2026 at 7:25 AM GMT\+1/);
});

test('with nothing paid, the outcome says nothing is withheld or refunded (no "$0 … the fee is withheld")', () => {
  const html = renderToStaticMarkup(
    <OutcomeList outcome={{ rule: 'before_deadline', paidMinor: 0, retainedMinor: 0, refundMinor: 0 } as never} currency="USD" />,
  );
  expect(html).toContain('Nothing was paid, so nothing is withheld or refunded.');
  expect(html).not.toContain('the fee is withheld');
});

test('with money paid, the rule is still given', () => {
  const html = renderToStaticMarkup(<OutcomeList outcome={{ rule: 'before_deadline', paidMinor: 80_000, retainedMinor: 5_000, refundMinor: 75_000 } as never} currency="USD" />);
  expect(html).toContain('$750');
  expect(html).toContain('the fee is withheld');
});
