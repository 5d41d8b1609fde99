// The American Balint Society's pages: its home page's sections (abs-society.ts, verbatim
// sentences of seed 000) as pages of their own.
import { ABS_HOME } from './abs-society.ts';
import type { SeedSitePage } from './site-content.ts';

const SLUGS = ['balint-groups', 'leadership-training-intensives', 'financial-aid', 'continuing-education'];

export const ABS_PAGES: SeedSitePage[] = ABS_HOME.map((section, i) => ({
  slug: SLUGS[i]!,
  title: section.heading,
  description: section.body.split('. ')[0]!.slice(0, 290).replace(/\.?$/, '.'),
  body: section.body,
  // The last (continuing education) is on the home page only.
  inNavigation: i < 3,
  onHome: true,
}));
