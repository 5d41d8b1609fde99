// The tracker's query string as people (and links) type it: never a broken page.
import { describe, expect, test } from 'vitest';
import { refundFiltersFrom, refundPageFrom } from './tracker-views.ts';

describe('refund tracker query', () => {
  test('the page is a whole number from 1; anything else is the first page', () => {
    const page = (q: string) => refundPageFrom(new URLSearchParams(q));
    expect(page('')).toBe(1);
    expect(page('page=3')).toBe(3);
    for (const bad of ['page=0', 'page=-2', 'page=2.5', 'page=abc', 'page=', 'page=1e3x']) expect(page(bad), bad).toBe(1);
    expect(page('page=99999999')).toBe(100_000);
  });

  test('an unknown view is "due" and a malformed course is none', () => {
    expect(refundFiltersFrom(new URLSearchParams('view=bogus&course=%00x'))).toEqual({ view: 'due', courseId: null });
    expect(refundFiltersFrom(new URLSearchParams('view=overdue&course=00000000-0000-0000-0000-000000000001'))).toEqual({ view: 'overdue', courseId: '00000000-0000-0000-0000-000000000001' });
  });
});
