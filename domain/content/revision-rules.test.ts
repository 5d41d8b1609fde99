import { describe, expect, test } from 'vitest';
import type { PageFields } from '#db/schema/content.ts';
import { changedFields, planRestore, planSave } from './revision-rules.ts';

const page: PageFields = {
  title: 'Who We Are',
  slug: 'who-we-are',
  description: 'The circle.',
  body: 'Text.',
  socialTitle: '',
  socialDescription: '',
  socialImageUrl: '',
  twitterCard: 'summary',
};

describe('a page’s revisions', () => {
  test('a save that changes nothing keeps no revision', () => {
    expect(planSave(page, 3, { ...page })).toEqual({ kind: 'none' });
  });

  test.each([
    ['the text', { body: 'Text, changed.' }],
    ['the title', { title: 'About us' }],
    ['the address', { slug: 'about' }],
    ['the meta description', { description: 'Changed.' }],
    ['the social image', { socialImageUrl: '/o/nwbc/media/x.png' }],
    ['the card shape', { twitterCard: 'summary_large_image' as const }],
  ])('a save that changes %s keeps the next revision', (_what, change) => {
    expect(planSave(page, 3, { ...page, ...change })).toEqual({ kind: 'new', number: 4, fields: { ...page, ...change }, restoredFrom: null });
  });

  test('a change of whitespace in the text is a change', () => {
    expect(changedFields(page, { ...page, body: 'Text. ' })).toEqual(['body']);
  });

  test('restoring an earlier revision makes a new one with its text, noting where it came from', () => {
    const earlier = { ...page, body: 'The first text.', title: 'Who we are' };
    expect(planRestore(page, 5, 2, earlier)).toEqual({ kind: 'new', number: 6, fields: earlier, restoredFrom: 2 });
  });

  test('restoring the text the page already shows changes nothing', () => {
    expect(planRestore(page, 5, 2, { ...page })).toEqual({ kind: 'none' });
  });

  test('restoring takes only the text of the revision, not its bookkeeping', () => {
    const row = { ...page, body: 'Old.', number: 2, id: 'x', createdBy: 'someone' } as PageFields;
    const plan = planRestore(page, 5, 2, row);
    expect(plan.kind === 'new' && Object.keys(plan.fields).sort()).toEqual(Object.keys(page).sort());
  });

  test('a revision newer than the page cannot be restored', () => {
    expect(() => planRestore(page, 2, 3, { ...page, body: 'Future.' })).toThrow(RangeError);
  });
});
