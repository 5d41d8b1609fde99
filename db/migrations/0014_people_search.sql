-- One search for people (issue 18): accent- and case-insensitive partial matching on name and
-- email with trigram indexes. pg_trgm and unaccent are trusted extensions (PostgreSQL 13+):
-- a database owner without superuser can create them. unaccent() is only STABLE (its
-- dictionary could change), so an IMMUTABLE wrapper naming the dictionary explicitly is what
-- the expression indexes use; the query must call the same function to use them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE OR REPLACE FUNCTION search_normalize(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS users_search_trgm ON users USING gin (search_normalize(name || ' ' || email) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS memberships_search_trgm ON memberships USING gin (search_normalize(name || ' ' || email) gin_trgm_ops);--> statement-breakpoint
-- Words shorter than a trigram ("Li", "Ng") match as word prefixes through full-text search.
CREATE INDEX IF NOT EXISTS users_search_words ON users USING gin (to_tsvector('simple', search_normalize(name || ' ' || email)));--> statement-breakpoint
CREATE INDEX IF NOT EXISTS memberships_search_words ON memberships USING gin (to_tsvector('simple', search_normalize(name || ' ' || email)));--> statement-breakpoint
-- "Is this person connected to the organization?" for every match: one index probe per table.
CREATE INDEX IF NOT EXISTS memberships_user_org ON memberships (user_id, organization_id);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS donations_user_org ON donations (user_id, organization_id);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS registrations_user_org ON registrations (user_id, organization_id);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS organization_roles_user_org ON organization_roles (user_id, organization_id);
