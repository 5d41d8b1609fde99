import { type AnyPgColumn, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export type OrganizationKind = 'national_society' | 'regional_circle';

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  shortName: text('short_name').notNull(),
  kind: text('kind').$type<OrganizationKind>().notNull(),
  /** A regional circle's national society: its directory also lists the circle's groups, labelled with the circle. */
  parentOrganizationId: uuid('parent_organization_id').references((): AnyPgColumn => organizations.id, { onDelete: 'set null' }),
  tagline: text('tagline'),
  summary: text('summary').notNull().default(''),
  contactEmail: text('contact_email'),
  timeZone: text('time_zone').notNull().default('America/Los_Angeles'),
  currency: text('currency').notNull().default('USD'),
  locale: text('locale').notNull().default('en-US'),
  /** Printed on invoices and receipts. */
  postalAddress: text('postal_address').notNull().default(''),
  /** How to pay by check or bank transfer, printed on invoices. */
  paymentInstructions: text('payment_instructions').notNull().default(''),
  /** Days an invoice gives to pay by check or transfer. */
  invoiceDueDays: integer('invoice_due_days').notNull().default(14),
  /** Printed on donation receipts, e.g. the society's tax-exempt status. */
  giftReceiptStatement: text('gift_receipt_statement').notNull().default(''),
  /** Years attendance, evaluation completions and certificates are kept after a course (issue 13). */
  recordRetentionYears: integer('record_retention_years').notNull().default(6),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Public text of an organization's site, page by page, in order. */
export const contentSections = pgTable(
  'content_sections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    page: text('page').notNull(),
    position: integer('position').notNull(),
    heading: text('heading').notNull(),
    body: text('body').notNull(),
  },
  (t) => [uniqueIndex('content_sections_page_position').on(t.organizationId, t.page, t.position)],
);
