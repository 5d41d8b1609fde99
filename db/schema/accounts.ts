// Identity tables follow better-auth's model (user, session, account, verification,
// rateLimit). A person's identity spans the deployment (one email, one password); what they
// may do is granted per organization in organization_roles.
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  emailVerified: boolean('email_verified').notNull().default(false),
  image: text('image'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  /**
   * Name and email folded for the people search (lower case, accents removed; migration 0014's
   * search_normalize), computed by PostgreSQL on every write. Stored so a broad search reads a
   * column instead of folding thousands of rows per query (bench:scale); never written by hand.
   */
  searchText: text('search_text').generatedAlwaysAs(sql`search_normalize(name || ' ' || email)`),
});

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    token: text('token').notNull().unique(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

export const authAccounts = pgTable(
  'auth_accounts',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: timestamp('access_token_expires_at', { withTimezone: true }),
    refreshTokenExpiresAt: timestamp('refresh_token_expires_at', { withTimezone: true }),
    scope: text('scope'),
    password: text('password'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('auth_accounts_user').on(t.userId)],
);

export const verifications = pgTable(
  'verifications',
  {
    id: text('id').primaryKey(),
    identifier: text('identifier').notNull(),
    value: text('value').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('verifications_identifier').on(t.identifier)],
);

export const rateLimits = pgTable('rate_limits', {
  id: text('id').primaryKey(),
  key: text('key').notNull().unique(),
  count: integer('count').notNull(),
  lastRequest: bigint('last_request', { mode: 'number' }).notNull(),
});

/** What a person tells the society about themselves. Never clinical or patient information. */
export const profiles = pgTable('profiles', {
  userId: text('user_id').primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  credentials: text('credentials').notNull().default(''),
  profession: text('profession').notNull().default(''),
  institution: text('institution').notNull().default(''),
  city: text('city').notNull().default(''),
  region: text('region').notNull().default(''),
  country: text('country').notNull().default(''),
  updatedAt: updatedAt(),
});

export const ROLES = ['admin', 'course_director', 'treasurer', 'faculty', 'financial_aid_committee', 'member'] as const;
export type Role = (typeof ROLES)[number];

export const organizationRoles = pgTable(
  'organization_roles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').$type<Role>().notNull(),
    grantedAt: createdAt(),
    grantedBy: text('granted_by'),
  },
  (t) => [uniqueIndex('organization_roles_unique').on(t.organizationId, t.userId, t.role), index('organization_roles_user').on(t.userId)],
);

/** Failed and successful sign-ins, keyed by a hash of the email: the throttle's memory. */
export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    emailHash: text('email_hash').notNull(),
    ipAddress: text('ip_address'),
    succeeded: boolean('succeeded').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sign_in_attempts_email_at').on(t.emailHash, t.at), index('sign_in_attempts_ip_at').on(t.ipAddress, t.at)],
);

/**
 * The deployment's operators: the people who run the Balint Hub installation itself, above
 * every organization. Only they may read credential-bearing mail held in the outbox (no SMTP).
 */
export const operators = pgTable('operators', {
  userId: text('user_id').primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  grantedAt: createdAt(),
  grantedBy: text('granted_by'),
});

/**
 * One row per throttled request (password-reset requests, applications, …): a scope, the
 * hash of what is limited (an email, an address) and when. Counted over a sliding window.
 */
export const throttleEvents = pgTable(
  'throttle_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    scope: text('scope').notNull(),
    keyHash: text('key_hash').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('throttle_events_scope_key_at').on(t.scope, t.keyHash, t.at)],
);
