// The page editor's one schema, parsed in the browser for instant feedback and in the action
// for the real check (app/routes/content/page-editor.tsx).
import { z } from 'zod';
import type { PageFields, TwitterCard } from '#db/schema/content.ts';
import { t } from '#lib/i18n.ts';
import { isValidSlug, MAX_SLUG_LENGTH } from './slug.ts';

export const TWITTER_CARDS: readonly TwitterCard[] = ['summary', 'summary_large_image'];
export const MAX_BODY_LENGTH = 100_000;

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === 'on');

/** An image address a page may point to: one of the site's own (a path) or an https URL. */
export function isImageAddress(value: string): boolean {
  if (value === '') return true;
  if (/^\/(?!\/)[^\s\\]*$/.test(value)) return true;
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

export const pageFormSchema = z.object({
  title: z.string().trim().min(1).max(200),
  slug: z
    .string()
    .trim()
    .min(1)
    .max(MAX_SLUG_LENGTH)
    .refine(isValidSlug, { message: t('sitePages.slugRule') }),
  description: z.string().trim().max(300),
  body: z.string().max(MAX_BODY_LENGTH),
  socialTitle: z.string().trim().max(200),
  socialDescription: z.string().trim().max(300),
  socialImageUrl: z
    .string()
    .trim()
    .max(500)
    .refine(isImageAddress, { message: t('sitePages.imageAddressRule') }),
  twitterCard: z.enum(TWITTER_CARDS as [TwitterCard, ...TwitterCard[]]),
  inNavigation: checkbox,
  onHome: checkbox,
});

export type PageForm = z.output<typeof pageFormSchema>;

export function pageFieldsOf(form: PageForm): PageFields {
  const { title, slug, description, body, socialTitle, socialDescription, socialImageUrl, twitterCard } = form;
  return { title, slug, description, body: body.replace(/\r\n/g, '\n'), socialTitle, socialDescription, socialImageUrl, twitterCard };
}
