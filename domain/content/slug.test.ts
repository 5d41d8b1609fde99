import { describe, expect, test } from 'vitest';
import { isImageAddress, pageFormSchema } from './page-form.ts';
import { isValidSlug, MAX_SLUG_LENGTH, slugFromTitle } from './slug.ts';

describe('a page’s address (slug)', () => {
  test.each(['who-we-are', 'a', '2027', 'balint-weekend-2027', 'x'.repeat(MAX_SLUG_LENGTH)])('%s is a valid address', (slug) => {
    expect(isValidSlug(slug)).toBe(true);
  });

  test.each([
    ['empty', ''],
    ['uppercase', 'Who-We-Are'],
    ['a space', 'who we are'],
    ['a leading hyphen', '-who'],
    ['a trailing hyphen', 'who-'],
    ['a double hyphen', 'who--we'],
    ['a slash', 'who/we'],
    ['dots', '..'],
    ['an accent', 'café'],
    ['too long', 'x'.repeat(MAX_SLUG_LENGTH + 1)],
    ['a percent escape', 'who%2fwe'],
  ])('%s is refused', (_why, slug) => {
    expect(isValidSlug(slug)).toBe(false);
  });

  test.each([
    ['What is A Balint group?', 'what-is-a-balint-group'],
    ['Polyclinic Balints: Multiple Specialties, Multiple Settings', 'polyclinic-balints-multiple-specialties-multiple-settings'],
    ["What's happening?", 'whats-happening'],
    ['Café Balint — Zürich', 'cafe-balint-zurich'],
    ['   ', ''],
  ])('from the title %j the suggested address is %j', (title, slug) => {
    expect(slugFromTitle(title)).toBe(slug);
    if (slug) expect(isValidSlug(slug)).toBe(true);
  });

  test('the form says what an address may hold, not that it is missing', () => {
    const result = pageFormSchema.safeParse({ title: 'T', slug: 'Who We Are', description: '', body: '', socialTitle: '', socialDescription: '', socialImageUrl: '', twitterCard: 'summary' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('lowercase letters');
  });
});

describe('an image address for the social preview', () => {
  test.each(['', '/o/nwbc/media/1b4e28ba-2fa1-11d2-883f-0016d3cca427.png', 'https://example.org/a.png'])('%j is taken', (value) => {
    expect(isImageAddress(value)).toBe(true);
  });
  test.each(['javascript:alert(1)', 'http://example.org/a.png', '//evil.example/a.png', 'data:image/png;base64,AAAA', 'not a url', '/a b.png'])('%j is refused', (value) => {
    expect(isImageAddress(value)).toBe(false);
  });
});
