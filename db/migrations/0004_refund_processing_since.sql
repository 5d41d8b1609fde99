ALTER TABLE "refunds" ADD COLUMN "processing_since" timestamp with time zone;--> statement-breakpoint
-- Refunds already waiting on the provider count from now: the refunds job resumes them later.
UPDATE "refunds" SET "processing_since" = now() WHERE "status" = 'processing';
