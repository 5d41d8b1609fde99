// The organization's public site (issue 14, "Pages"). ADR 0059.
//
// Pages are Markdown, written by the organization's admins; every save keeps a revision, and a
// restore is one more revision (nothing is ever rewritten). Events and news are dated entries.
// Images are kept in PostgreSQL, resized, as the course signature is (db/schema/credit.ts): the
// app process stays stateless, so several processes serve the same files.
import { boolean, customType, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { organizations } from './organizations.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

export type TwitterCard = 'summary' | 'summary_large_image';

/** What a revision holds: everything an editor types about a page. */
export interface PageFields {
  title: string;
  slug: string;
  description: string;
  body: string;
  socialTitle: string;
  socialDescription: string;
  socialImageUrl: string;
  twitterCard: TwitterCard;
}

export const sitePages = pgTable(
  'site_pages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    /** The meta description. */
    description: text('description').notNull().default(''),
    body: text('body').notNull().default(''),
    socialTitle: text('social_title').notNull().default(''),
    socialDescription: text('social_description').notNull().default(''),
    socialImageUrl: text('social_image_url').notNull().default(''),
    twitterCard: text('twitter_card').$type<TwitterCard>().notNull().default('summary'),
    /** Order in the site's navigation and on the home page (smallest first). */
    position: integer('position').notNull(),
    inNavigation: boolean('in_navigation').notNull().default(true),
    /** Shown, in order, on the organization's home page as well as at its own address. */
    onHome: boolean('on_home').notNull().default(false),
    published: boolean('published').notNull().default(false),
    /** The revision the page shows (the latest). */
    revision: integer('revision').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('site_pages_slug').on(t.organizationId, t.slug), index('site_pages_position').on(t.organizationId, t.position)],
);

export const sitePageRevisions = pgTable(
  'site_page_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    pageId: uuid('page_id').notNull().references(() => sitePages.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    slug: text('slug').notNull(),
    description: text('description').notNull(),
    body: text('body').notNull(),
    socialTitle: text('social_title').notNull(),
    socialDescription: text('social_description').notNull(),
    socialImageUrl: text('social_image_url').notNull(),
    twitterCard: text('twitter_card').$type<TwitterCard>().notNull(),
    /** Set when this revision was made by restoring an earlier one. */
    restoredFrom: integer('restored_from'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('site_page_revisions_number').on(t.pageId, t.number)],
);

export type EntryKind = 'event' | 'news';

/** An event (dates and a place) or a news item (its date), shown on the home page and in its list. */
export const siteEntries = pgTable(
  'site_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<EntryKind>().notNull(),
    title: text('title').notNull(),
    /** An event's first day; a news item's date. */
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    /** An event's last day (null: one day). */
    endsOn: date('ends_on', { mode: 'string' }),
    place: text('place').notNull().default(''),
    summary: text('summary').notNull().default(''),
    body: text('body').notNull().default(''),
    published: boolean('published').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('site_entries_kind_date').on(t.organizationId, t.kind, t.startsOn)],
);

export type SiteImageType = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';

/** An uploaded image, already resized; served at /o/:org/media/<id>.<ext> with a year's cache. */
export const siteImages = pgTable(
  'site_images',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    contentType: text('content_type').$type<SiteImageType>().notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    byteSize: integer('byte_size').notNull(),
    alt: text('alt').notNull(),
    bytes: bytea('bytes').notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('site_images_organization').on(t.organizationId, t.createdAt)],
);

/** One row per organization that has changed its site's look. */
export const siteSettings = pgTable('site_settings', {
  organizationId: uuid('organization_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  /** `#rrggbb`, for <meta name="theme-color">. */
  themeColor: text('theme_color').notNull().default('#1f4e79'),
  /** A site image, 64×64 PNG, for <link rel="icon">. */
  faviconImageId: uuid('favicon_image_id').references(() => siteImages.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
