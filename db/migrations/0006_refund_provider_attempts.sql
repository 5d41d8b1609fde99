ALTER TABLE "refunds" ADD COLUMN "provider_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Card refunds already sent to the provider made one call with the key without an attempt number.
UPDATE "refunds" SET "provider_attempts" = 1 WHERE "method" = 'card' AND "payment_id" IS NOT NULL AND "status" IN ('processing', 'failed', 'done');
