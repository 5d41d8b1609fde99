ALTER TABLE "users" ADD COLUMN "search_text" text GENERATED ALWAYS AS (search_normalize(name || ' ' || email)) STORED;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "search_text" text GENERATED ALWAYS AS (search_normalize(name || ' ' || email)) STORED;--> statement-breakpoint
-- The people search reads the stored, folded column (bench:scale: folding every match of a
-- broad query with unaccent() cost more than the search itself at 200,000 people). The
-- indexes of migration 0014 move from the expression to the column.
DROP INDEX IF EXISTS users_search_trgm;--> statement-breakpoint
DROP INDEX IF EXISTS memberships_search_trgm;--> statement-breakpoint
DROP INDEX IF EXISTS users_search_words;--> statement-breakpoint
DROP INDEX IF EXISTS memberships_search_words;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS users_search_trgm ON users USING gin (search_text gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS memberships_search_trgm ON memberships USING gin (search_text gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS users_search_words ON users USING gin (to_tsvector('simple', search_text));--> statement-breakpoint
CREATE INDEX IF NOT EXISTS memberships_search_words ON memberships USING gin (to_tsvector('simple', search_text));
--> statement-breakpoint
-- Names that start with the query, in order, without reading every match (a broad query at
-- 200,000 people): a range of this index, read in its order and stopped at a page.
CREATE INDEX IF NOT EXISTS users_search_prefix ON users (search_text COLLATE "C");
