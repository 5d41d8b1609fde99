import { index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { organizations } from './organizations.ts';

/**
 * An organization's own words for one automated message (ADR 0069). Absent: the default from
 * the registry (domain/email-templates). Each save bumps `version` and writes an audit row with
 * the text before and after, so every earlier wording can be read back.
 */
export const emailTemplateOverrides = pgTable(
  'email_template_overrides',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    version: integer('version').notNull().default(1),
    updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('email_template_overrides_org_kind').on(t.organizationId, t.kind)],
);

/**
 * An address that asked for no more non-essential mail from an organization (a signed link or
 * the account page). Essential mail (registration status, receipts, credentials) still goes.
 */
export const emailUnsubscribes = pgTable(
  'email_unsubscribes',
  {
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    /** Lower-cased. */
    address: text('address').notNull(),
    source: text('source').$type<'link' | 'account'>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.address] }), index('email_unsubscribes_address').on(t.address)],
);
