import { describe, expect, it } from 'vitest';
import { flatten, keysIn } from './catalog-per-module.vite.ts';

const catalog = {
  nav: { home: 'Home', homeTitle: 'Home page', signIn: 'Sign in' },
  course: { kind_intensive: 'Intensive', kind_weekend: 'Weekend', dates: 'Dates' },
  people: { count_one: '{{count}} person', count_other: '{{count}} people' },
  errors: { FULL: 'Full', LATE: 'Too late' },
};
const keys = flatten(catalog);
const namespaces = new Set(Object.keys(catalog));

describe('keysIn: the catalog keys a module can show', () => {
  it.each([
    ["t('nav.signIn')", ['nav.signIn']],
    ['t("course.dates")', ['course.dates']],
    // A key is brought with every key it begins.
    ["t('nav.home')", ['nav.home', 'nav.homeTitle']],
    ['t(`course.kind_${kind}`)', ['course.kind_intensive', 'course.kind_weekend']],
    ["t('people.count', { count })", ['people.count_one', 'people.count_other']],
    ["const MESSAGES = { FULL: 'errors.FULL' }; t(MESSAGES[code])", ['errors.FULL']],
    ["t('errors.' + code)", ['errors.FULL', 'errors.LATE']],
    // Strings that only look like keys, or name no namespace of the catalog.
    ["import x from './nav.ts'; t('other.thing'); 'nav.home is here'", []],
    ["const s = 'e.g. nav'", []],
  ])('%s', (code, expected) => {
    expect(keysIn(code, keys, namespaces)).toEqual(expected);
  });
});
